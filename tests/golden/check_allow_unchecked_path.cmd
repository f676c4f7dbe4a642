$ sift check --deny warnings --allow unchecked_path --spec tests/fixtures/specs/oddities/connector.yaml tests/golden/data/unchecked_paths.sift
