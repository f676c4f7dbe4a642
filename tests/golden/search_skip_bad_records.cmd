$ sift search --data tests/golden/data/bad --skip-bad-records 'from clients where is_active = true'
