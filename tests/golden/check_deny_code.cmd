$ sift check --target 2026-03 --deny like_without_wildcard tests/golden/data/lints.sift
