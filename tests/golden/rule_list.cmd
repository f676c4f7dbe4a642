# Every diagnostic code on one line: severity, fix kind, summary.
$ sift rule
