$ sift validate --entity users --deny like_without_wildcard -
<<<
{"like":{"first_name":"Ann"}}
