$ sift check --config tests/golden/data/bad-sift.toml tests/golden/data/lints.sift
