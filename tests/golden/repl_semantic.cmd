# The REPL shows a field's semantic search and the names its filter takes, and checks them.
$ sift repl --spec tests/fixtures/specs/semantic/connector.yaml
<<<
:schema tasks
from tasks similar to "overdue" where project_gids has "42" and notes ~ "x"
