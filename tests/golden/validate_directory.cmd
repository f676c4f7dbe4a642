# A directory yields its *.json files, each validated and reported.
$ sift validate --entity users tests/golden/data/json
