$ sift test --run nothing-matches tests/queries
