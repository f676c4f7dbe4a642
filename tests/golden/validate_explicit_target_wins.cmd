# An explicit target wins; the request that contradicts it gets a diagnostic.
$ sift validate --target 2026-10 tests/json/request_2026_03.json
