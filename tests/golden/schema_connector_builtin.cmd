$ sift schema --connector builtin clients
