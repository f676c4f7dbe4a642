# A key that plainly means an operator (`equals`) gets that operator's key as "did you mean".
$ sift validate --entity clients -
<<<
{"equals":{"name":"Acme"}}
