$ sift search --data examples/harvest --all --page-size 2 'from time_entries where billable = true and hours > 6 sort spent_date desc, id'
