$ sift validate --entity users --jsonl --format sarif tests/golden/data/filters.jsonl
