$ sift check --target 2026-03 --allow like_without_wildcard tests/golden/data/lints.sift
