$ sift decompile --entity users --target 2026-10 tests/json/wrong_target.json
