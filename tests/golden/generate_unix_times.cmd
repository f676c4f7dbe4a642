# Integer fields of Unix time (declared, or guessed from the name) hold seconds.
$ sift generate --spec tests/fixtures/specs/unix-times/connector.yaml --entity charges --base-count 3 -
