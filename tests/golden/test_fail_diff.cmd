$ sift test tests/golden/data/sift-test/stale.sift-test.toml
