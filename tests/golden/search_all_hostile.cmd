$ sift search --data tests/golden/data/hostile --all --page-size 1 --format jsonl 'from time_entries sort hours, created_at'
