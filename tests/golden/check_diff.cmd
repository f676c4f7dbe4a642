# --diff shows what --fix would change, as a unified diff, and writes nothing (exit 1: something to fix).
$ sift check --diff tests/fixtures/fixes/every_fix.sift
