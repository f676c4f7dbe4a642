//! The suite's table: criterion's medians, read back from its output directory, as Markdown.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::Case;

/// Where the suite writes: `target/sift-bench` of the workspace (or of `CARGO_TARGET_DIR`).
pub fn out_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("sift-bench")
}

/// One measured row: criterion's benchmark id within the case's group, what the table calls it,
/// and how many bytes of input it reads.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: &'static str,
    pub label: &'static str,
    pub bytes: usize,
}

/// The median of one benchmark in nanoseconds, from criterion's `estimates.json`.
pub fn median_ns(criterion_dir: &Path, group: &str, id: &str) -> Option<f64> {
    let path = criterion_dir
        .join(group)
        .join(id)
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

/// A duration in the unit that keeps three significant digits readable.
pub fn duration(ns: f64) -> String {
    match ns {
        n if n < 1e3 => format!("{n:.0} ns"),
        n if n < 1e6 => format!("{:.2} µs", n / 1e3),
        n if n < 1e9 => format!("{:.2} ms", n / 1e6),
        n => format!("{:.2} s", n / 1e9),
    }
}

/// Allocation figures of one case: allocations and bytes per compile.
#[derive(Clone, Copy, Debug)]
pub struct Allocations {
    pub count: usize,
    pub bytes: usize,
}

/// The Markdown table of every case and row; a row criterion did not measure shows as a gap.
pub fn markdown(
    criterion_dir: &Path,
    cases: &[(Case, Vec<Row>)],
    allocations: &dyn Fn(&str) -> Option<Allocations>,
) -> String {
    let mut out = String::new();
    out.push_str(
        "| input | measure | time/query | ns/condition | MB/s | × compile |\n|---|---|---|---|---|---|\n",
    );
    for (case, rows) in cases {
        let group = crate::slug(case.name);
        let compile = median_ns(criterion_dir, &group, "compile");
        for row in rows {
            let Some(ns) = median_ns(criterion_dir, &group, row.id) else {
                let _ = writeln!(out, "| {} | {} | — | — | — | — |", case.name, row.label);
                continue;
            };
            let ratio = compile.map_or("—".into(), |c| format!("{:.2}", ns / c));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.0} | {:.0} | {} |",
                case.name,
                row.label,
                duration(ns),
                ns / case.conditions as f64,
                row.bytes as f64 / ns * 1e3,
                ratio,
            );
        }
    }
    out.push_str("\n| input | sift text | allocations per compile | bytes allocated per compile | bytes allocated per input byte |\n|---|---|---|---|---|\n");
    for (case, _) in cases {
        let group = crate::slug(case.name);
        match allocations(&group) {
            Some(a) => {
                let _ = writeln!(
                    out,
                    "| {} | {} B | {} | {} | {:.1} |",
                    case.name,
                    case.sift.len(),
                    a.count,
                    a.bytes,
                    a.bytes as f64 / case.sift.len() as f64
                );
            }
            None => {
                let _ = writeln!(out, "| {} | {} B | — | — | — |", case.name, case.sift.len());
            }
        }
    }
    out
}
