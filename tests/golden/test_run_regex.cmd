$ sift test --run contractors tests/golden/data/sift-test/stale.sift-test.toml
