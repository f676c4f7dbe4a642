# The older target still sends `search`.
$ sift compile --target 2026-03 --emit request 'from time_entries where billable = true'
