$ sift test tests/golden/data/sift-test/missing_fixtures.sift-test.toml tests/queries
