$ sift decompile --entity clients --target 2026-10 -
<<<
{"startswith":{"name":"Ac"}}
