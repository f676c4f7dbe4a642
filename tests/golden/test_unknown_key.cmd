$ sift test tests/golden/data/sift-test/unknown_key.sift-test.toml
