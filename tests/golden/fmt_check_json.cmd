$ sift fmt --check --format json tests/cases/queries/keywords_case.sift
