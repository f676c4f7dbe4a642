$ sift test tests/golden/data/sift-test/one_file.sift-test.toml
