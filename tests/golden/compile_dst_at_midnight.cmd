# In Havana daylight-saving time starts at midnight: 9 March 2026 starts at 00:00 local, 04:00Z.
$ sift compile --now 2026-03-08T12:00:00Z --tz America/Havana 'from invoices where created_at >= today() + 1d and created_at < start_of_week() + 2w'
