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

/// One evaluator row: its id in the `eval` group, its label, and the records and JSON Lines
/// bytes one iteration reads.
#[derive(Clone, Debug)]
pub struct EvalRow {
    pub id: &'static str,
    pub label: &'static str,
    pub records: usize,
    pub bytes: usize,
}

/// The evaluator's table: time per pass, records per second and MB/s of the JSON Lines.
pub fn eval_markdown(criterion_dir: &Path, rows: &[EvalRow]) -> String {
    let mut out = String::from(
        "\n| local evaluator (`time_entries`, `billable = true and hours > 2 sort spent_date desc`) | records | time | records/s | MB/s of JSON Lines |\n|---|---|---|---|---|\n",
    );
    for row in rows {
        match median_ns(criterion_dir, "eval", row.id) {
            Some(ns) => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {:.2} M | {:.0} |",
                    row.label,
                    row.records,
                    duration(ns),
                    row.records as f64 / ns * 1e3,
                    row.bytes as f64 / ns * 1e3,
                );
            }
            None => {
                let _ = writeln!(out, "| {} | {} | — | — | — |", row.label, row.records);
            }
        }
    }
    out
}

/// One speed target read off the medians: what it asks, the measured ratio, the bound.
struct Target {
    what: String,
    ratio: Option<f64>,
    bound: f64,
    /// Whether the ratio must be at least the bound (a speed-up) or at most it (a cost).
    at_least: bool,
}

/// Whether each speed target holds in this run: parse against tantivy, compile against the
/// serde_json floor, and compile's cost per condition from 100 to 10 000 conditions.
pub fn targets_markdown(criterion_dir: &Path, cases: &[(Case, Vec<Row>)]) -> String {
    let median = |case: &Case, id: &str| median_ns(criterion_dir, &crate::slug(case.name), id);
    let per_condition =
        |case: &Case, id: &str| median(case, id).map(|ns| ns / case.conditions as f64);
    let mut targets = Vec::new();
    for (case, _) in cases {
        if (12..=10_000).contains(&case.conditions) && case.name != "deep" {
            targets.push(Target {
                what: format!(
                    "{}: tantivy-query-grammar time ÷ sift parse time",
                    case.name
                ),
                ratio: median(case, "tantivy")
                    .zip(median(case, "parse"))
                    .map(|(t, p)| t / p),
                bound: 10.0,
                at_least: true,
            });
        }
    }
    for (name, bound) in [("12 (depth 3)", 0.5), ("1 000", 0.3)] {
        if let Some((case, _)) = cases.iter().find(|(c, _)| c.name == name) {
            targets.push(Target {
                what: format!("{name}: sift compile time ÷ serde_json `Value` of its output"),
                ratio: median(case, "compile")
                    .zip(median(case, "serde_json"))
                    .map(|(c, j)| c / j),
                bound,
                at_least: false,
            });
        }
    }
    let find = |name: &str| cases.iter().find(|(c, _)| c.name == name).map(|(c, _)| c);
    if let (Some(small), Some(large)) = (find("100"), find("10 000")) {
        for (id, label) in [("compile", "compile"), ("parse", "parse")] {
            targets.push(Target {
                what: format!("sift {label} ns/condition at 10 000 ÷ at 100"),
                ratio: per_condition(large, id)
                    .zip(per_condition(small, id))
                    .map(|(l, s)| l / s),
                bound: 1.3,
                at_least: false,
            });
        }
    }
    let mut out = String::from("\n| target | measured | bound | holds |\n|---|---|---|---|\n");
    for t in targets {
        let (measured, holds) = match t.ratio {
            Some(r) => {
                let holds = if t.at_least {
                    r >= t.bound
                } else {
                    r <= t.bound
                };
                (format!("{r:.2}"), if holds { "yes" } else { "**no**" })
            }
            None => ("—".into(), "—"),
        };
        let bound = format!("{} {}", if t.at_least { "≥" } else { "≤" }, t.bound);
        let _ = writeln!(out, "| {} | {measured} | {bound} | {holds} |", t.what);
    }
    out
}
