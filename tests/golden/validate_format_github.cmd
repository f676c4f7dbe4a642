$ sift validate --entity users --jsonl --format github tests/golden/data/filters.jsonl
