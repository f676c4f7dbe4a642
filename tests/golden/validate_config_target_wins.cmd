# A target in the project file is explicit too: the 2026-03 request contradicts it.
$ sift --config tests/golden/data/target-2026-10.toml validate tests/json/request_2026_03.json
