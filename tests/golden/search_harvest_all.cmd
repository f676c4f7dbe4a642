$ sift search --data examples/harvest --all 'from time_entries where billable = true and hours > 6 sort spent_date desc, id limit 2'
