$ sift compile --entity users
