$ sift search --data examples/harvest --cursor abc 'from users sort id limit 2'
