# Hundreds of lines are validated on every core, in blocks: the report keeps the file's order.
$ sift validate --entity users --jsonl tests/golden/data/filters_many.jsonl
