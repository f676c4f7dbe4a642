# explain shows each time sent to a Unix-time field as its seconds and the instant they count to.
$ sift explain --spec tests/fixtures/specs/unix-times/connector.yaml --now 2026-11-28T12:00:00Z 'from charges where created >= today() - 7d and paid_at < 2026-11-28T10:00:00+02:00'
