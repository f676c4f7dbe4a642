$ sift repl --entity client
<<<
from clients
