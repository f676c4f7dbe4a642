$ sift --config tests/golden/data/project/sift.toml completions bash
