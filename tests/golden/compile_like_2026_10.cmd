$ sift compile --target 2026-10 --entity users 'first_name like "A%n"'
