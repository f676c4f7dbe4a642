$ sift test --help
