# The default target is the API as it is today: action context_store_search.
$ sift compile --emit request 'from time_entries where billable = true'
