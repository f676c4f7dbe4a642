$ sift compile --target 2026-10 --emit request -f tests/cases/semantic/similar_to.sift
