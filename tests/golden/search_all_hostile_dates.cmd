$ sift search --data tests/golden/data/hostile --all --page-size 2 --format jsonl 'from time_entries where hours < 0 or created_at > "2025-01-01T06:00:00Z" sort created_at desc'
