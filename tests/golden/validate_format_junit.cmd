$ sift validate --entity users --jsonl --format junit tests/golden/data/filters.jsonl
