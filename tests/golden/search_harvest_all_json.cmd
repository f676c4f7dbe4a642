$ sift search --data examples/harvest --all --page-size 4 --format json 'from clients sort name fields id, name'
