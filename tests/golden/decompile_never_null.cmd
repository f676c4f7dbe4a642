$ sift decompile --entity time_entries tests/json/never_null.json
