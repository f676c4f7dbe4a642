$ sift compile --emit everything 'id = 1'
