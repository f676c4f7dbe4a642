# The README's first command.
$ sift compile --entity clients 'is_active = true and name ~ "Acme"'
