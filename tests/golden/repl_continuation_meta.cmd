# A meta-command runs on a continuation line; the lines before it stay the entry. `quit` alone
# quits only where an entry starts.
$ sift repl --data examples/harvest
<<<
from clients where
:schema
name ~ "Indigo" fields id, name
from clients where
\q
from users
