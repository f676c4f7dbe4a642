# The halves of a contradiction far apart on one line.
$ sift check tests/golden/data/far_apart_contradiction.sift
