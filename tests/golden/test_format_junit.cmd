$ sift test --format junit tests/golden/data/sift-test/stale.sift-test.toml
