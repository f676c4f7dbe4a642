$ sift search --dry-run --connector-id conn-1 'from clients limit 1'
