$ sift compile --target 2026-03 --spec tests/fixtures/specs/semantic/connector.yaml -f tests/cases/semantic/similar_to.sift
