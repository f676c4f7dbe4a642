$ sift check --verbose --format json --config tests/golden/data/levels/allow-name.toml --target 2026-03 tests/golden/data/levels/contradiction.sift
