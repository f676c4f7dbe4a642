$ sift search --api 'from clients'
