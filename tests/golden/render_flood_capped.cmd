# 3 999 duplicate `limit` clauses: the first 3 are drawn, one line counts the rest.
$ sift --max-diagnostics 3 check tests/golden/data/many_limits.sift
