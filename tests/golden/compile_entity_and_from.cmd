$ sift compile --entity clients 'from users where is_active = true'
