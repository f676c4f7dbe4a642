$ sift validate --target 2026-10 --spec tests/fixtures/specs/semantic/connector.yaml tests/json/semantic_request.json
