# A query argument of `-` reads standard input, as for every other command.
$ sift compile -
<<<
from clients limit 1
