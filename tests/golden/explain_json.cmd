$ sift explain --now 2026-11-28T03:00:00Z --tz America/New_York --format json 'from invoices where created_at >= start_of_month() and due_date < today()'
