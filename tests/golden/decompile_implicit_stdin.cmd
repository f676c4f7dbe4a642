$ sift decompile --entity clients
<<<
{"eq":{"is_active":true}}
