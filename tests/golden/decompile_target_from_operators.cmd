# A filter with `like` exists only on 2026-03/04: decompiled for them, not refused.
$ sift decompile --entity users -
<<<
{"like":{"first_name":"A%b"}}
