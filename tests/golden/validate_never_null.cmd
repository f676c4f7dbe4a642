$ sift validate --entity time_entries tests/json/never_null.json
