$ sift check tests/cases/errors/three_errors.sift
