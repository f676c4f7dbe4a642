# One code in full: what its fix keeps, and an example.
$ sift rule single_value_in
