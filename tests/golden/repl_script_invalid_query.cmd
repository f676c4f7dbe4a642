# A script with an invalid query exits 1.
$ sift repl
<<<
from users where nope = 1
from users limit 1
