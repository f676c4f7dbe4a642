$ sift check --allow like_without_wildcard tests/golden/data/lints.sift
