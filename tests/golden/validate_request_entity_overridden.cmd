# A request names its own entity; --entity names another: a warning says which one wins.
$ sift validate --entity users -
<<<
{"entity":"clients","action":"search","params":{"query":{"filter":{"eq":{"is_active":true}}}}}
