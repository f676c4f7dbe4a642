# A query argument of `-` reads standard input.
$ sift search --data examples/harvest -
<<<
from clients sort id limit 1 fields id, name
