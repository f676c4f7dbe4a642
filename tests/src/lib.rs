//! Test-only crate: see `tests/` for the corpus, snapshot, golden and property tests.
