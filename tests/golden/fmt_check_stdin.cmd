$ sift fmt --check -
<<<
FROM users WHERE is_active=TRUE
