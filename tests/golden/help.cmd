$ sift --help
