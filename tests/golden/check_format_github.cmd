# GitHub Actions workflow commands: one annotation per diagnostic.
$ sift check --target 2026-03 --format github tests/golden/data/lints.sift
