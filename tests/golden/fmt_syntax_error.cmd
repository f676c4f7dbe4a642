$ sift fmt
<<<
from users where id == 1 &&
