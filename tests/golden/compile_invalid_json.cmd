$ sift compile --format json --entity users 'frist_name = "Ann" and is_active = "yes" and weekly_capacity ~ "x"'
