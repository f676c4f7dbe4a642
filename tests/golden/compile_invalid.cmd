# An invalid query: diagnostics on stderr, exit 1, nothing on stdout.
$ sift compile --entity users 'frist_name = "Ann" and is_active = "yes"'
