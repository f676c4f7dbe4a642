$ sift check --deny warnings --warn sift::check::mixed_and_or tests/golden/data/lints.sift
