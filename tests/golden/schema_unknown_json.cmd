$ sift schema foo --format json
