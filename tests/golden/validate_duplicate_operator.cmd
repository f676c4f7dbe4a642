$ sift validate --entity time_entries tests/json/duplicate_operator.json
