$ sift check --config tests/golden/data/levels/too-large.toml tests/golden/data/levels/contradiction.sift
