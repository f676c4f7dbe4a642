//! The parser's allocations grow with the text, per query: a document of many queries gives
//! each one room for its own text, not for the rest of the file. Counted by a wrapping global
//! allocator (this test binary's own).

use std::alloc::System;

use sift_syntax::{Limits, parse};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes allocated (reallocations included) parsing `queries` queries of a few conditions.
fn bytes_for(queries: usize) -> usize {
    let source: String = (0..queries)
        .map(|i| format!("from users where weekly_capacity > {i} and (first_name = \"a{i}\" or id in [{i}, 2]);\n"))
        .collect();
    let limits = Limits {
        max_file_bytes: usize::MAX,
        ..Limits::default()
    };
    let region = Region::new(GLOBAL);
    let parsed = parse(&source, &limits);
    let stats = region.change();
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors.first());
    assert_eq!(parsed.document.queries.len(), queries);
    stats.bytes_allocated + stats.bytes_reallocated.max(0) as usize
}

#[test]
fn allocation_per_query_does_not_grow_with_the_file() {
    let (n, eight_n) = (500, 4_000);
    let (small, large) = (bytes_for(n), bytes_for(eight_n));
    let per_query = |bytes: usize, queries: usize| bytes as f64 / queries as f64;
    let ratio = per_query(large, eight_n) / per_query(small, n);
    assert!(
        ratio < 1.5,
        "bytes per query: {:.0} at {n} queries, {:.0} at {eight_n}",
        per_query(small, n),
        per_query(large, eight_n)
    );
}
