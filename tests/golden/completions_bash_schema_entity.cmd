# bash asks sift for candidates (COMPLETE=bash protocol): `sift schema time_<Tab>` offers the
# entities of the catalog in force.
# env: COMPLETE=bash
# env: _CLAP_COMPLETE_INDEX=2
$ sift -- sift schema time_
