$ sift -v check --config tests/golden/data/levels/allow-name.toml tests/golden/data/levels/contradiction.sift
