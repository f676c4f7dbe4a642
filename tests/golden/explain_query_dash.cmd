# A query argument of `-` reads standard input.
$ sift explain -
<<<
from clients where is_active = true limit 1
