$ sift check tests/cases/queries
