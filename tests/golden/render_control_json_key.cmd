# Terminal escapes decoded from JSON are shown escaped, also without colour.
$ sift validate --entity users tests/golden/data/control_key.json
