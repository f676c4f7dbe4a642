$ sift explain --format json --spec tests/fixtures/specs/unix-times/connector.yaml --now 2026-11-28T12:00:00Z 'from charges where updated > now() - 36h'
