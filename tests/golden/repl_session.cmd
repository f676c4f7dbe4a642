$ sift repl --data examples/harvest
<<<
:help
from time_entries where billable = true and hours > 6 sort hours desc limit 2 fields id, hours, spent_date
:more
:json
:emit filter
:json
:fmt
from time_entries where
  billable = false and
  hours > 5 fields id, hours, billable

from time_entries where billable = = true
from time_entries where bilable = true
:entity client
:entity clients
is_active = false
:schema
:target 1999
:target 2026-10
from clients where name like "B%" fields name
from clients where name startswith "B" fields id, name;
:more
:jsno
:data no/such/dir
:quit
from users
