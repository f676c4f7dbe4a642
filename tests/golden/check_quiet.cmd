# -q: the diagnostics, without the closing lines.
$ sift check -q --target 2026-03 tests/golden/data/lints.sift
