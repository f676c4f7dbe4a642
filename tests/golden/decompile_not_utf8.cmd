$ sift decompile --entity users tests/golden/data/latin1.json
