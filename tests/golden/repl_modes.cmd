# Output modes: line (psql's expanded display), json, jsonl, csv, the table back with `\x off`;
# null written as null; the query's limit is the most :more shows.
$ sift repl --data examples/harvest
<<<
:mode
:mode line
from clients where id = 2001
\x
:mode json
from clients sort id limit 2 fields id, is_active
:mode jsonl
from clients sort id limit 2 fields id, is_active
:mode csv
from clients sort id limit 2 fields id, name
:more
:mode tree
\x off
from clients where id = 2001 fields id, is_active, created_at
:x maybe
exit
