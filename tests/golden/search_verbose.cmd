$ sift search -v --data examples/harvest 'from users sort id limit 1 fields id'
