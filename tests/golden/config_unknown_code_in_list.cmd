$ sift check --config tests/golden/data/levels/bad-code.toml tests/golden/data/levels/contradiction.sift
