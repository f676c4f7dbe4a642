$ sift repl
<<<
from clients where is_active = true
:json
:emit request
:json
:emit nope
:fmt
:schema
:entity
:json extra
