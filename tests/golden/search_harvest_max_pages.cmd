$ sift search --data examples/harvest --all --max-pages 2 'from clients sort id limit 3 fields id'
