$ sift search --data examples/harvest --format table 'from time_entries where billable = true and hours > 2 sort spent_date desc limit 5'
