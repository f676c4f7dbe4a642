$ sift search --data tests/golden/data/bad 'from clients where is_active = true'
