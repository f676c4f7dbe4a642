$ sift validate --entity users tests/json/five_errors.json
