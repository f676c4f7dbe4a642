$ sift check --allow mixed_and_or --deny mixed_and_or tests/golden/data/lints.sift
