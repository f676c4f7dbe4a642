# Unix seconds compare as numbers on local data: 999999999 (2001) is older than 1795219200, 10000000000 newer.
$ sift search --spec tests/fixtures/specs/unix-times/connector.yaml --data tests/fixtures/data/unix-times --now 2026-11-28T12:00:00Z --format jsonl 'from charges where created >= today() - 7d sort created fields id, created'
