$ sift search --data examples/harvest --format csv 'from time_entries where billable = true and hours > 2 sort spent_date desc limit 5'
