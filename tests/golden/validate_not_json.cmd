$ sift validate --entity users tests/json/not_json.json
