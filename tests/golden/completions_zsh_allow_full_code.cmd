# zsh gets each candidate with its help; a code is completed in full once `sift::` is typed.
# env: COMPLETE=zsh
# env: _CLAP_COMPLETE_INDEX=3
$ sift -- sift check --allow sift::check::un
