# `-f -` reads standard input.
$ sift compile -f -
<<<
from clients where name ~ "acme"
