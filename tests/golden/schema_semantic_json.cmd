$ sift schema --spec tests/fixtures/specs/semantic/connector.yaml tasks --format json
