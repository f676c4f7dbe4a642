# Nesting deeper than --max-depth is one diagnostic.
$ sift compile --entity users --max-depth 3 '((((id = 1))))'
