$ sift search --data tests/golden/data/hostile --all --format jsonl 'from time_entries sort hours, created_at limit 1'
