# A sort key with an unknown field and a bad direction: both are reported.
$ sift validate --entity clients -
<<<
{"query":{"sort":[{"nme":"up"}]}}
