$ sift check --config tests/golden/data/levels/duplicate-key.toml tests/golden/data/levels/contradiction.sift
