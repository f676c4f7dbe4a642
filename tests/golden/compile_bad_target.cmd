$ sift compile --target 2025-01 --entity users 'id = 1'
