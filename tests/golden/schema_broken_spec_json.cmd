# A spec that does not load, under --format json: the error and its problems as JSON on stdout.
$ sift schema --spec tests/golden/data/broken_spec.yaml --format json
