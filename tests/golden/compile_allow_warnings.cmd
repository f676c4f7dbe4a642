$ sift compile --target 2026-03 --allow warnings --entity users 'first_name like "Ann"'
