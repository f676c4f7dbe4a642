# The form of the times each field holds, declared or guessed from its name (no guess beside camel-case names).
$ sift schema --spec tests/fixtures/specs/unix-times/connector.yaml charges
