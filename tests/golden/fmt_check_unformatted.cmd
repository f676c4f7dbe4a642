$ sift fmt --check tests/cases/queries/keywords_case.sift
