# --fix on a JSON document from standard input: the fixed document is the output.
$ sift validate --fix --entity users -
<<<
{"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}}
