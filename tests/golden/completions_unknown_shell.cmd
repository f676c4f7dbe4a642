# A shell sift has no completion for is named.
# env: COMPLETE=tcsh
$ sift -- sift schema
