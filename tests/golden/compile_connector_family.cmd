$ sift compile --spec tests/fixtures/specs --connector bad 'x = 1'
