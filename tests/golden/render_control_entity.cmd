# An entity name from --entity is shown escaped.
$ sift compile --entity 'x[2Jy' 'id = 1'
