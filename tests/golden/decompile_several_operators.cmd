$ sift decompile --entity time_entries tests/json/several_operators.json
