//! serde_json (default features) reading sift's output for each suite case into a `Value`.
//! Run by sift-bench's suite, which writes the inputs to `$SIFT_BENCH_DIR/inputs` and reads the
//! medians back from `$SIFT_BENCH_DIR/criterion`.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};

fn main() {
    let Some(dir) = std::env::var_os("SIFT_BENCH_DIR").map(PathBuf::from) else {
        eprintln!("SIFT_BENCH_DIR is not set: run `cargo bench -p sift-bench` instead");
        return;
    };
    let mut criterion = Criterion::default()
        .output_directory(&dir.join("criterion"))
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1_000))
        .sample_size(20);
    let Ok(entries) = std::fs::read_dir(dir.join("inputs")) else {
        eprintln!("no inputs under {}", dir.display());
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let (Some(case), Ok(json)) = (path.file_stem(), std::fs::read_to_string(&path)) else {
            continue;
        };
        let mut group = criterion.benchmark_group(case.to_string_lossy());
        if json.len() > 20_000 {
            group.sampling_mode(SamplingMode::Flat);
        }
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function("serde_json", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&json)))
        });
        group.finish();
    }
}
