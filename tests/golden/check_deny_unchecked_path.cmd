$ sift check --deny warnings --spec tests/fixtures/specs/oddities/connector.yaml tests/golden/data/unchecked_paths.sift
