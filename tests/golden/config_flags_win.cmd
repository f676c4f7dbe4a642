$ sift compile --config tests/golden/data/project/sift.toml --target 2026-03 --warn warnings 'first_name like "Ann"'
