$ sift fmt --check tests/golden/data/latin1.sift
