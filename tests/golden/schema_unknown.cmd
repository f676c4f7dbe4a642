$ sift schema user
