$ sift validate --entity users
<<<
{"eq":{"is_active":true}}
