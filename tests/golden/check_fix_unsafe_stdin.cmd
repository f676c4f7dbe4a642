# --unsafe-fixes applies the fixes that guess too (the nearest field name).
$ sift check --fix --unsafe-fixes -
<<<
from users where first_name == "Ann" and id in [7];
from users where is_actve = true
