# -q: the records, without the progress and summary lines.
$ sift search -q --data examples/harvest 'from clients sort id limit 2 fields id, name'
