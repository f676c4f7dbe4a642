# sift search -f runs a request for the target it was written for (here 2026-03).
$ sift search --data examples/harvest -f tests/json/request_2026_03.json
