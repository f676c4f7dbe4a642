$ sift validate --entity time_entries tests/json/several_operators.json
