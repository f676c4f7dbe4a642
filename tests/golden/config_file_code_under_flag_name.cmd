# The file allows the full code; the flag denies the name: the flag wins.
$ sift check --config tests/golden/data/levels/allow-code.toml --deny contradiction tests/golden/data/levels/contradiction.sift
