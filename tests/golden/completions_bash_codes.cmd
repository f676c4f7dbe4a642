# `--deny <Tab>` offers the codes that can be warnings, by name.
# env: COMPLETE=bash
# env: _CLAP_COMPLETE_INDEX=3
$ sift -- sift check --deny d
