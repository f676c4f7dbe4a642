$ sift explain 'from clients where nme = 1'
