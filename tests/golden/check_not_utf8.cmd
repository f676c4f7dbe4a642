$ sift check tests/golden/data/latin1.sift
