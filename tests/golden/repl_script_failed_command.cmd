# A script with a failed command exits 2, after running the rest.
$ sift repl
<<<
from users where nope = 1
:data tests/golden/data/no-such-directory
from users limit 1
