# Every setting left out: the server's defaults, and a field without a context bound.
$ sift explain --now 2026-11-28T12:00:00Z --spec tests/fixtures/specs/semantic/connector.yaml 'from companies similar to "late deliveries" in note'
