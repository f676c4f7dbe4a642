# A query argument of `-` reads standard input.
$ sift explain --now 2026-11-28T12:00:00Z -
<<<
from clients where is_active = true limit 1
