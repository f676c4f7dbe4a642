# The JSON reader's limit help names the flag and the option, not a library item.
$ sift validate --entity users --max-depth 2 -
<<<
{"and":[{"or":[{"not":{"eq":{"id":1}}}]}]}
