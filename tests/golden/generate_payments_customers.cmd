# The ids the charges refer to are the customers' own.
$ sift generate --spec tests/fixtures/specs/payments/connector.yaml --entity customers --base-count 4 -
