# A diagnostic on a very long line shows a window of it, not the whole line.
$ sift check tests/golden/data/long_line.sift
