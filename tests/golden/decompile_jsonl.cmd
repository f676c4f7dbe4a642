$ sift decompile --entity users --jsonl tests/golden/data/filters.jsonl
