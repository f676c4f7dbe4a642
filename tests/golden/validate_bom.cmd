# A leading byte-order mark in a JSON document is skipped.
$ sift validate --entity users tests/golden/data/bom.json
