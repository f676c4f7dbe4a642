$ sift validate --entity users tests/golden/data/no_sift
