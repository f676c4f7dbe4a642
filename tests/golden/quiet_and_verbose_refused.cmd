# -q and -v contradict each other.
$ sift check -q -v tests/golden/data/lints.sift
