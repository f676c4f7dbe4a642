# JSON Lines: one document per line; each diagnostic names its line.
$ sift validate --entity users --jsonl tests/golden/data/filters.jsonl
