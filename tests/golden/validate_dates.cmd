# The same warnings at JSON pointers, with fixes in JSON text.
$ sift validate --entity time_entries --format json -
<<<
{"and":[{"gte":{"spent_date":"2025-08-01T10:00:00Z"}},{"eq":{"spent_date":"2025-8-1"}},{"lt":{"created_at":"2025-08-01"}}]}
