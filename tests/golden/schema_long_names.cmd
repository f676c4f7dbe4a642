# A name wider than the name column stands on its own line; the columns stay aligned.
$ sift schema --spec tests/fixtures/specs/long-names/connector.yaml deals
