$ sift search --data examples/harvest --format json 'from time_entries where hours >= 6 sort hours desc, id limit 3 fields id, hours, spent_date'
