# JUnit XML: a test suite per file, a test case per diagnostic, errors fail.
$ sift check --format junit tests/golden/data/lints.sift tests/golden/data/far_apart_limits.sift
