# The cursor of `from time_entries sort id limit 2` (page 1) gives page 2 of the same query.
$ sift search --data examples/harvest --cursor 7b2271223a2235326339666135663963313532346163222c226b223a5b373030325d2c226f223a312c2263223a2266633339333436366632396231623138227d 'from time_entries sort id limit 2 fields id'
