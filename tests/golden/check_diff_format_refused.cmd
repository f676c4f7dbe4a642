# --diff prints a diff, not a report: a --format beside it is a usage error.
$ sift check --diff --format json tests/golden/data/lints.sift
