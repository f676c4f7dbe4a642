$ sift fmt
<<<
FROM users WHERE is_active=TRUE AND ( first_name~'ann' OR email ENDSWITH "@acme.com" ) SORT created_at DESC LIMIT 5
