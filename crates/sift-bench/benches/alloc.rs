//! Allocations and bytes allocated per `compile` of each suite case, counted by a wrapping
//! global allocator (its own binary, so the timings of the suite carry no counting cost).
//! Writes `target/sift-bench/alloc/<case>`, which the suite's table reads.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark's output is its report.

use std::alloc::System;

use sift_bench::{cases, options, slug, table};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn main() {
    let dir = table::out_dir().join("alloc");
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {error}", dir.display());
        return;
    }
    let options = options();
    for case in cases() {
        // The first compile builds the catalog's lazily made indexes; count a later one.
        let _ = sift::compile(&case.sift, sift_bench::catalog(), &options);
        let region = Region::new(GLOBAL);
        let compiled = sift::compile(&case.sift, sift_bench::catalog(), &options);
        let stats = region.change();
        drop(compiled);
        let count = stats.allocations + stats.reallocations;
        let bytes = stats.bytes_allocated + stats.bytes_reallocated.max(0) as usize;
        println!(
            "alloc/{:<8} {count:>8} allocations {bytes:>12} bytes per compile",
            slug(&case.name)
        );
        let figures = format!("{count} {bytes}\n");
        let _ = std::fs::write(dir.join(slug(&case.name)), figures);
    }
}
