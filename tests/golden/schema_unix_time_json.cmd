$ sift schema --format json --spec tests/fixtures/specs/unix-times/connector.yaml charges
