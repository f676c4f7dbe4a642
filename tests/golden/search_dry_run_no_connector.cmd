# Neither credentials nor a connector: the request is still shown, with placeholders and a note.
$ sift search --dry-run 'from clients limit 1'
