$ sift test tests/queries/combining.sift-test.toml
