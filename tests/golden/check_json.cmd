$ sift check --format json tests/cases/errors/three_errors.sift tests/cases/habits/double_equals.sift --entity users
