# The file allows `contradiction`; the flag denies every warning: the flag wins.
$ sift check --config tests/golden/data/levels/allow-name.toml --deny warnings tests/golden/data/levels/contradiction.sift
