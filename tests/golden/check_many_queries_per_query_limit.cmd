# Size limits count each query: three queries of 24 bytes pass a 30-byte limit; a longer one is reported alone.
$ sift check --max-input-bytes 30 -
<<<
from users where id = 1;
from users where id = 2;
from users where id = 3 and is_active = true;
from users where id = 4
