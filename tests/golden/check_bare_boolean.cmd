# A boolean field written alone: the help tests it with `= true`.
$ sift check -
<<<
from time_entries where billable;
from time_entries where not billable and hours > 1
