$ sift validate --entity users --format json tests/json/wrong_target.json --target 2026-10
