# A query piped to standard input.
$ sift compile
<<<
from clients where name ~ "acme" limit 5
