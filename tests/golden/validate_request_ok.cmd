$ sift validate --target 2026-10 tests/json/request_2026_10.json
