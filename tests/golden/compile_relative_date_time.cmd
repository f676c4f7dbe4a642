$ sift compile --now 2026-11-28T12:00:00Z --emit filter 'from invoices where created_at >= start_of_month()'
