# One line per diagnostic: file:line:col: code message.
$ sift check --target 2026-03 --format concise tests/golden/data/lints.sift
