$ sift test tests/golden/data/sift-test/wrong_type.sift-test.toml
