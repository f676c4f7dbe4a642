$ sift check --format json -
<<<
from time_entries where spent_date = "2025-8-1" and created_at = 2025-08-01
