$ sift --color always compile --target 2026-03 --entity users 'first_name like "A"'
