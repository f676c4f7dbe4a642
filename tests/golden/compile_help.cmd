$ sift compile --help
