# A carriage return ends a comment as a line feed does: the clause after it is live code.
$ sift compile -f tests/golden/data/cr_comment.sift
