$ sift validate --entity users --form query -
<<<
{"filter": {}, "limit": 5}
