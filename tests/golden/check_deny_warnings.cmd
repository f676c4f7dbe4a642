$ sift check --deny warnings tests/cases/queries/mixed_and_or.sift
