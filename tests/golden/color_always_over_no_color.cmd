$ sift --color always compile --entity users 'first_name like "A"'
