# SARIF 2.1.0: the rules from the code table, results with regions and fixes.
$ sift check --target 2026-03 --format sarif tests/golden/data/lints.sift
