$ sift decompile --entity time_entries -
<<<
{"and":[{"gt":{"spent_date":"yesterday"}},{"gte":{"created_at":"2025-08-01"}}]}
