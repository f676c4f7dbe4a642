# A name alone: the code of every phase with that name.
$ sift rule not_a_date
