# A UTF-8 byte order mark opening a JSON Lines file is skipped.
$ sift search --data tests/golden/data/records 'from users sort id'
