$ sift check --allow unknown_field tests/golden/data/lints.sift
