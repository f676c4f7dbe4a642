$ sift compile --emit query 'from users where is_active = true sort created_at desc, last_name'
