$ sift compile --target 2026-10 --emit request 'from users where email endswith "@acme.com" and first_name contains "nn" sort id desc limit 10 fields id, email'
