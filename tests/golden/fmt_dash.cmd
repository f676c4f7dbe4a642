# `-` formats standard input to standard output and writes no file named `-`.
$ sift fmt -
<<<
FROM users WHERE is_active=TRUE
