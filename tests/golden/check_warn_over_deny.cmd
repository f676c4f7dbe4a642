$ sift check --target 2026-03 --deny warnings --warn sift::check::mixed_and_or tests/golden/data/lints.sift
