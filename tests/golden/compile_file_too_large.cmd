# The file limit applies while reading: at most limit + 1 bytes are read.
$ sift compile --max-file-bytes 16 -f -
<<<
from clients where name ~ "acme"
