# --diff on JSON Lines: each line fixed on its own, the other lines kept.
$ sift validate --diff --jsonl tests/fixtures/fixes/every_fix.jsonl
