# No file given and standard input is not a terminal: standard input is read.
$ sift check
<<<
from users where is_actve = true
