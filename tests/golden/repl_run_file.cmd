# `:run FILE` (psql's \i) runs a file's queries and commands as if typed.
$ sift repl --data examples/harvest
<<<
\i tests/golden/data/repl/queries.sift
:run tests/golden/data/repl/missing.sift
:quit
