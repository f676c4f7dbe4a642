# Standard output holds one entity's records.
$ sift generate -
