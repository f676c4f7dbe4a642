# --unsafe-fixes without --fix or --diff would change nothing: a usage error.
$ sift check --unsafe-fixes tests/golden/data/lints.sift
