$ sift validate tests/json/missing.json
