$ sift compile --target 2026-03 -f tests/cases/semantic/similar_to.sift
