$ sift search --data examples/harvest --all --format json 'from clients sort name limit 4 fields id, name'
