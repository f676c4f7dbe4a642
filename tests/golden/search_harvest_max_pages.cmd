# --max-pages stops --all with exit 2 after the records so far, and prints the cursor that resumes.
$ sift search --data examples/harvest --all --max-pages 2 --page-size 3 'from clients sort id fields id'
