$ sift decompile --entity clients tests/json/filter_like.json
