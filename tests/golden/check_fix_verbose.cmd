# -v names each fix applied, where it was applied (the text as that pass found it).
$ sift check -v --fix -
<<<
from time_entries where not not (id in [7]) and hours > 2 and hours > 1
