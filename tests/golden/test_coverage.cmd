$ sift test --coverage tests/golden/data/sift-test/coverage
