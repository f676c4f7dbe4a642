# Two labels 70 000 columns apart are drawn a few columns apart, not padded to their columns.
$ sift check tests/golden/data/far_apart_limits.sift
