# Strings that are not dates in the field's form, and dates in the other form, compare as text: each gets a warning.
$ sift check -
<<<
from time_entries where spent_date > "yesterday";
from time_entries where spent_date = "2025-8-1";
from time_entries where created_at >= "2025-08-01 10:00";
from time_entries where created_at >= "2025-08-01";
from time_entries where spent_date >= 2025-08-01T10:00:00Z
