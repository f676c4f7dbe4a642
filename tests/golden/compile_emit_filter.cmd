$ sift compile --emit filter --entity users 'roles has "admin" and not (id in [1, 2])'
