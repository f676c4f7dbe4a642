# compile reads one file: a directory is refused with the reason, exit 2.
$ sift compile -f tests/golden/data
