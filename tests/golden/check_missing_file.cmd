$ sift check tests/cases/no/such/file.sift
