$ sift validate --entity users tests/json/params_without_query.json
