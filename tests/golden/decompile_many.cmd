# Several documents give one .sift document: each query after a comment naming its source.
$ sift decompile --entity users tests/golden/data/json/a.json tests/golden/data/json/b.json
