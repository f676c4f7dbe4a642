$ sift decompile --target 2026-10 tests/json/semantic_request.json
