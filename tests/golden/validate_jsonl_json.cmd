$ sift validate --entity users --jsonl --format json tests/golden/data/filters.jsonl
