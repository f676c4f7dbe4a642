$ sift compile --now 2026-11-28T03:00:00Z --tz America/New_York --emit filter 'from time_entries where spent_date >= today() - 7d and created_at >= start_of_month()'
