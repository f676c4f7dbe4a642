# A dry run sends nothing and needs no credentials: the token is a placeholder saying where
# it would come from.
$ sift search --dry-run --connector-id conn-1 'from clients limit 1'
