# The built-in Harvest catalog configures semantic search on no field.
$ sift compile 'from time_entries similar to "late invoices" in notes'
