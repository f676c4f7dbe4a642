$ sift search --data examples/harvest --dry-run 'from clients limit 1'
