$ sift --version
