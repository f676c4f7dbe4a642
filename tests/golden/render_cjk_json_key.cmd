# A long multi-byte JSON key.
$ sift validate --entity users tests/golden/data/cjk_key.json
