$ sift check --config tests/golden/data/no-such-sift.toml tests/golden/data/lints.sift
