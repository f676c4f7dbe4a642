$ sift schema
