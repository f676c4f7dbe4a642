# `limit 5 --all` prints 5 records, not every match, and says how to go on.
$ sift search --data examples/harvest --all 'from clients sort id limit 5 fields id'
