# --page-size sizes the pages of --all; alone it is refused, never ignored.
$ sift search --data examples/harvest --page-size 2 'from clients limit 5'
