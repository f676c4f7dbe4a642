$ sift explain --now 2026-11-28T12:00:00Z --spec tests/fixtures/specs/semantic/connector.yaml 'from projects similar to "launch plan" context_size 500 where workspace_gid = "1"'
