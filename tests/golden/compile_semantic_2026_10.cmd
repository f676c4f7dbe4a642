$ sift compile --target 2026-10 --spec tests/fixtures/specs/semantic/connector.yaml --emit request -f tests/cases/semantic/similar_to.sift
