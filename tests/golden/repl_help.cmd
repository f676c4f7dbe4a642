$ sift repl --help
