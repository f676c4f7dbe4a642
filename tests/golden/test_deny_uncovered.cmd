$ sift test --deny uncovered tests/golden/data/sift-test/coverage
