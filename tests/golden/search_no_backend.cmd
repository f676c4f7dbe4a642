$ sift search 'from clients limit 1'
