$ sift compile --now 2026-11-28T12:00:00Z --emit filter 'from time_entries where spent_date >= today() - 7d'
