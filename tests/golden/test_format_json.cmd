$ sift test --format json tests/golden/data/sift-test/stale.sift-test.toml
