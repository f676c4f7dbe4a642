# An integer field of Unix seconds (`created`, guessed from its name) takes a relative time, sent as seconds.
$ sift compile --spec tests/fixtures/specs/unix-times/connector.yaml --now 2026-11-28T12:00:00Z 'from charges where created >= today() - 7d'
