# `:save` needs a last query; a filter written on the :entity is saved with its `from`
# (repl_pty.rs reads the file back).
$ sift repl --data examples/harvest
<<<
:save nothing-yet.sift
:entity clients
is_active = false
:fmt
quit
