# RFC 3339 offsets end at 23:59.
$ sift compile --now 2026-03-08T02:30:00+25:00 'from invoices where created_at >= today()'
