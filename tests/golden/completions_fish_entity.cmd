# fish gets each candidate with its description.
# env: COMPLETE=fish
# env: _CLAP_COMPLETE_INDEX=3
$ sift -- sift search --entity invo
