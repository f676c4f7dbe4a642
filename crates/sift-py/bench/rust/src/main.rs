//! Per-call cost, in Rust, of the two calls the Python benchmark times from Python: compiling
//! the suite's query of each size (`sift::compile`, params form) and validating its filter
//! (`sift::validate_json_diagnostics`, what `sift.validate` runs). Prints one JSON object per
//! size: the inputs (so Python times the very same texts) and the medians in nanoseconds.

use std::hint::black_box;
use std::time::Instant;

/// Median over `ROUNDS` rounds of the mean time of one call in a round of `calls` calls.
fn per_call(calls: usize, mut call: impl FnMut()) -> f64 {
    const ROUNDS: usize = 15;
    let mut rounds: Vec<f64> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..calls {
                call();
            }
            start.elapsed().as_nanos() as f64 / calls as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[ROUNDS / 2]
}

fn main() {
    let catalog = sift::harvest();
    let options = sift::Options::default()
        .with_entity(sift_bench::ENTITY)
        .with_target(sift::Target::V2026_10);
    let filters = options.clone().with_emit(sift::Emit::Filter);
    let read_filter = options.clone().with_form(Some(sift::Emit::Filter));
    for case in sift_bench::cases() {
        if ![2, 12, 100].contains(&case.conditions) {
            continue;
        }
        let filter = match sift::compile(&case.sift, catalog, &filters) {
            Ok(compiled) => compiled.outputs[0].json.clone(),
            Err(e) => panic!("{}: {e}", case.name),
        };
        let calls = 200_000 / case.conditions;
        let compile_ns = per_call(calls, || {
            let _ = black_box(sift::compile(black_box(&case.sift), catalog, &options));
        });
        let validate_ns = per_call(calls, || {
            black_box(sift::validate_json_diagnostics(
                black_box(&filter),
                catalog,
                &read_filter,
            ));
        });
        let line = serde_json::json!({
            "conditions": case.conditions,
            "sift": case.sift,
            "filter": filter,
            "compile_ns": compile_ns.round(),
            "validate_ns": validate_ns.round(),
        });
        println!("{line}");
    }
}
