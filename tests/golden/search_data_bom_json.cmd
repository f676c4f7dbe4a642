# A UTF-8 byte order mark before a .json array is skipped.
$ sift search --data tests/golden/data/records 'from clients'
