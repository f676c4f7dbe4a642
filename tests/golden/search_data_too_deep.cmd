# Line 1 nests 127 levels (the most read), line 2 nests 128: said to be too deep, not malformed.
$ sift search --data tests/golden/data/records 'from time_entries fields id'
