# `--entity <Tab>` offers the entities of the catalog the command line names (--spec, --connector).
# env: COMPLETE=bash
# env: _CLAP_COMPLETE_INDEX=7
$ sift -- sift compile --spec tests/fixtures/specs --connector unix-times --entity c
