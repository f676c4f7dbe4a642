# A leading byte-order mark is skipped.
$ sift compile -f tests/golden/data/bom.sift
