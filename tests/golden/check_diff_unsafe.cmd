# --diff --unsafe-fixes: the unsafe fixes too.
$ sift check --diff --unsafe-fixes tests/fixtures/fixes/every_fix.sift
