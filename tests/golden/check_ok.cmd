$ sift check tests/cases/queries/full_query.sift tests/cases/queries/several_queries.sift
