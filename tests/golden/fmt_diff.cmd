# --diff: what formatting would change, as a unified diff; nothing is written (exit 1).
$ sift fmt --diff -
<<<
FROM users WHERE is_active=TRUE AND (first_name~'ann' OR id=1) LIMIT 5
