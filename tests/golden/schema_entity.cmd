$ sift schema time_entries
