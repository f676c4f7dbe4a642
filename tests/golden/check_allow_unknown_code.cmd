$ sift check --allow unchecked_pth tests/golden/data/lints.sift
