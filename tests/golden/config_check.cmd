$ sift check --config tests/golden/data/project/sift.toml tests/golden/data/project/queries/q.sift
