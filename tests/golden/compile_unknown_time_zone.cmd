$ sift compile --now 2026-11-28T12:00:00Z --tz Mars/Olympus 'from invoices where created_at >= today()'
