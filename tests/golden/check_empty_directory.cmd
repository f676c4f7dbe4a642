# A directory without .sift files is an input error, not "checked 0 file(s)".
$ sift check tests/golden/data/no_sift
