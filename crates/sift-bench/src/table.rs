//! The suite's table: criterion's medians, read back from its output directory, as Markdown.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::{Case, Shape};

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
        let group = crate::slug(&case.name);
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
        let group = crate::slug(&case.name);
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

/// One target of issue 13 read off the medians: what it asks, the measured ratio, the bound.
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
    let median = |case: &Case, id: &str| median_ns(criterion_dir, &crate::slug(&case.name), id);
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

/// The broadened suite's table: for every shape at every size, sift's parse, compile and JSON
/// validation per condition, and the two ratios the targets read.
pub fn shapes_markdown(criterion_dir: &Path, cases: &[(Shape, Case)]) -> String {
    let mut out = String::from(
        "\n| shape · conditions | sift text | parse ns/cond | compile ns/cond | validate_json ns/cond | tantivy ÷ parse | compile ÷ serde_json floor |\n|---|---|---|---|---|---|---|\n",
    );
    let cell = |v: Option<f64>, digits: usize| v.map_or("—".into(), |v| format!("{v:.digits$}"));
    for (_, case) in cases {
        let m = ShapeMedians::read(criterion_dir, case);
        let per = |v: Option<f64>| v.map(|ns| ns / case.conditions as f64);
        let _ = writeln!(
            out,
            "| {} | {} B | {} | {} | {} | {} | {} |",
            case.name,
            case.sift.len(),
            cell(per(m.parse), 0),
            cell(per(m.compile), 0),
            cell(per(m.validate), 0),
            cell(m.tantivy.zip(m.parse).map(|(t, p)| t / p), 1),
            cell(m.compile.zip(m.floor).map(|(c, f)| c / f), 2),
        );
    }
    out
}

/// The medians of one shape case, in nanoseconds.
struct ShapeMedians {
    parse: Option<f64>,
    compile: Option<f64>,
    validate: Option<f64>,
    tantivy: Option<f64>,
    floor: Option<f64>,
}

impl ShapeMedians {
    fn read(criterion_dir: &Path, case: &Case) -> Self {
        let group = crate::slug(&case.name);
        let median = |id| median_ns(criterion_dir, &group, id);
        ShapeMedians {
            parse: median("parse"),
            compile: median("compile"),
            validate: median("validate_json"),
            tantivy: median("tantivy"),
            floor: median("serde_json"),
        }
    }
}

/// One target over the shapes: what it asks, its bound, and the ratio of each case it reads.
struct ShapeTarget {
    what: String,
    bound: f64,
    /// Whether the ratio must be at least the bound (a speed-up) or at most it (a cost).
    at_least: bool,
    found: Vec<(String, f64)>,
}

/// The targets over every shape: for each, the worst shape's ratio and whether it holds.
pub fn shape_targets_markdown(criterion_dir: &Path, cases: &[(Shape, Case)]) -> String {
    let medians: Vec<(&Case, ShapeMedians)> = cases
        .iter()
        .map(|(_, case)| (case, ShapeMedians::read(criterion_dir, case)))
        .collect();
    let mut targets: Vec<ShapeTarget> = Vec::new();
    let ratios = |keep: &dyn Fn(&Case) -> bool, ratio: &dyn Fn(&ShapeMedians) -> Option<f64>| {
        medians
            .iter()
            .filter(|(case, _)| keep(case))
            .filter_map(|(case, m)| ratio(m).map(|r| (case.name.clone(), r)))
            .collect::<Vec<_>>()
    };
    targets.push(ShapeTarget {
        what: "every shape, 12 to 10 000 conditions: tantivy-query-grammar ÷ sift parse".into(),
        bound: 10.0,
        at_least: true,
        found: ratios(&|_| true, &|m| m.tantivy.zip(m.parse).map(|(t, p)| t / p)),
    });
    for (n, bound) in [(12, 0.5), (1_000, 0.3)] {
        targets.push(ShapeTarget {
            what: format!(
                "every shape at {n} conditions: sift compile ÷ serde_json `Value` of its output"
            ),
            bound,
            at_least: false,
            found: ratios(&|case| case.conditions == n, &|m| {
                m.compile.zip(m.floor).map(|(c, f)| c / f)
            }),
        });
    }
    let per_shape = |name: &str| -> Vec<&(&Case, ShapeMedians)> {
        medians
            .iter()
            .filter(|(case, _)| case.name.starts_with(name))
            .collect()
    };
    for (label, pick) in [
        (
            "parse",
            (|m: &ShapeMedians| m.parse) as fn(&ShapeMedians) -> Option<f64>,
        ),
        ("compile", |m: &ShapeMedians| m.compile),
        ("validate_json", |m: &ShapeMedians| m.validate),
    ] {
        let mut found = Vec::new();
        for (shape, _) in cases.iter().filter(|(_, c)| c.conditions == 100) {
            let of_shape = per_shape(shape.name);
            let at = |n: usize| {
                of_shape
                    .iter()
                    .find(|(c, _)| c.conditions == n)
                    .and_then(|(c, m)| pick(m).map(|ns| ns / c.conditions as f64))
            };
            if let Some(r) = at(10_000).zip(at(100)).map(|(l, s)| l / s) {
                found.push((shape.name.to_string(), r));
            }
        }
        targets.push(ShapeTarget {
            what: format!("every shape: sift {label} ns/condition at 10 000 ÷ at 100"),
            bound: 1.3,
            at_least: false,
            found,
        });
    }
    let mut out = String::from(
        "\n| target (broadened suite) | worst shape | measured | bound | holds on every shape |\n|---|---|---|---|---|\n",
    );
    for ShapeTarget {
        what,
        bound,
        at_least,
        found,
    } in targets
    {
        let worst = found.iter().cloned().reduce(|a, b| {
            let b_worse = if at_least { b.1 < a.1 } else { b.1 > a.1 };
            if b_worse { b } else { a }
        });
        let sign = if at_least { "≥" } else { "≤" };
        match worst {
            Some((name, ratio)) => {
                let misses = found
                    .iter()
                    .filter(|(_, r)| if at_least { *r < bound } else { *r > bound })
                    .count();
                let holds = if misses == 0 {
                    "yes".to_string()
                } else {
                    format!("**no** ({misses} of {})", found.len())
                };
                let _ = writeln!(
                    out,
                    "| {what} | {name} | {ratio:.2} | {sign} {bound} | {holds} |"
                );
            }
            None => {
                let _ = writeln!(out, "| {what} | — | — | {sign} {bound} | — |");
            }
        }
    }
    out
}
