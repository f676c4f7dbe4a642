# With --all, `limit` is the most records in all; --page-size sets each request's size (the
# last page asks for what is left), and the cursor that resumes is printed.
$ sift search --data examples/harvest --all --page-size 2 'from clients sort id limit 5 fields id'
