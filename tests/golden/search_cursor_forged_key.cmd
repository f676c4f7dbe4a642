# The cursor of `from time_entries sort id limit 2` with its sort key rewritten as a string.
$ sift search --data examples/harvest --cursor 7b2271223a2235326339666135663963313532346163222c226b223a5b2237303032225d2c226f223a312c2263223a2266633339333436366632396231623138227d 'from time_entries sort id limit 2'
