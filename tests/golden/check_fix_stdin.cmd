# --fix on standard input: the fixed text is the output; the report, the fixes and what is left go to standard error.
$ sift check --fix -
<<<
from users where first_name == "Ann" and id in [7];
from users where is_actve = true
