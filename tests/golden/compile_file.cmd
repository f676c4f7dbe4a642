$ sift compile -f tests/cases/queries/full_query.sift --emit request
