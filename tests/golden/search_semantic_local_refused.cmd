# Local data has no embeddings: semantic search is refused (exit 2), not replaced by a text match.
$ sift search --data examples/harvest --spec tests/fixtures/specs/semantic/connector.yaml 'from projects similar to "launch plan"'
