# A label on a long line of multi-byte characters.
$ sift check --entity users tests/golden/data/cjk_string.sift
