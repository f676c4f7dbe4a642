$ sift check --deny like_without_wildcard tests/golden/data/lints.sift
