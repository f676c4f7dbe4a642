# A bare filter with no entity: the help names --entity and the `entity` option.
$ sift validate -
<<<
{"eq":{"id":1}}
