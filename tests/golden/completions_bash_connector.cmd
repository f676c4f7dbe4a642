# `--connector <Tab>` offers `builtin` and every connector found (here under --spec).
# env: COMPLETE=bash
# env: _CLAP_COMPLETE_INDEX=5
$ sift -- sift schema --spec tests/fixtures/specs --connector u
