$ sift fmt tests/golden/data/no_sift
