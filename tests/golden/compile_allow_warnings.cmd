$ sift compile --allow warnings --entity users 'first_name like "Ann"'
