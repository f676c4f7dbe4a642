$ sift compile -f tests/golden/data/latin1.sift
