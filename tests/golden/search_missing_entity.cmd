$ sift search --data tests/golden/data/bad 'from users'
