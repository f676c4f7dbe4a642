$ sift schema --spec tests/fixtures/specs/long-names/connector.yaml
