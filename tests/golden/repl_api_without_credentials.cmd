$ sift repl --api
<<<
from clients
