$ sift validate --entity users tests/golden/data/latin1.json
