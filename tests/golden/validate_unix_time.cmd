# A string date on a Unix-time field is an error; the fix writes its seconds.
$ sift validate --spec tests/fixtures/specs/unix-times/connector.yaml --entity charges -
<<<
{"gte":{"created":"2025-08-01"}}
