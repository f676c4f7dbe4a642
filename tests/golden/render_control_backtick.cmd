# A raw ESC and BEL in a backtick name are shown escaped.
$ sift check --entity users tests/golden/data/control_backtick.sift
