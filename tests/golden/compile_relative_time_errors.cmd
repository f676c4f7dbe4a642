$ sift compile --now 2026-11-28T12:00:00Z --week-start sunday 'from time_entries where hours > today() or spent_date >= start_of_week() - 1w'
