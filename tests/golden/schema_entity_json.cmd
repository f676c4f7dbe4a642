$ sift schema clients --format json
