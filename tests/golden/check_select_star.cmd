# `select` starts no sift query: the help points to `from` and `fields`; the fix (unsafe: its code guesses in general) drops `select *`.
$ sift check -
<<<
select * from clients where is_active = true
