# JSON Lines documents located by their line in the file.
$ sift validate --entity users --jsonl --format concise tests/golden/data/filters.jsonl
