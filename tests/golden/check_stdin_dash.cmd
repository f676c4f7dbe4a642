# `-` reads standard input.
$ sift check -
<<<
from users where is_active = true
