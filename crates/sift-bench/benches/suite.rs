//! sift's benchmark suite: every stage of sift, the JSON floor and the peer parsers on the same
//! logical queries, in one run. `cargo bench -p sift-bench` prints the table and writes it to
//! `target/sift-bench/table.md`; `bench/update-readme.sh` copies it into the README.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark's output is its report.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput};
use sift_bench::eval::eval_case;
use sift_bench::table::{self, Allocations, EvalRow, Row};
use sift_bench::{Case, cases, options, shape_cases, slug};
use sift_eval::tape::Tape;
use sift_eval::{Flow, Search};

fn main() {
    let dir = table::out_dir();
    let criterion_dir = dir.join("criterion");
    let inputs = dir.join("inputs");
    if let Err(error) = std::fs::create_dir_all(&inputs) {
        eprintln!("cannot create {}: {error}", inputs.display());
        return;
    }
    let mut criterion = Criterion::default()
        .output_directory(&criterion_dir)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1_000))
        .sample_size(20)
        .configure_from_args();

    let mut measured = Vec::new();
    for case in cases() {
        let json = compiled_json(&case);
        let _ = std::fs::write(inputs.join(format!("{}.json", slug(&case.name))), &json);
        let rows = bench_case(&mut criterion, &case, &json);
        measured.push((case, rows));
    }
    let mut shapes = Vec::new();
    for (shape, case) in shape_cases() {
        let json = compiled_json(&case);
        let _ = std::fs::write(inputs.join(format!("{}.json", slug(&case.name))), &json);
        bench_shape(&mut criterion, &case, &json);
        shapes.push((shape, case));
    }
    let eval = bench_eval(&mut criterion);
    criterion.final_summary();
    run_floor(&dir);

    let alloc_dir = dir.join("alloc");
    let allocations = |group: &str| -> Option<Allocations> {
        let text = std::fs::read_to_string(alloc_dir.join(group)).ok()?;
        let (count, bytes) = text.trim().split_once(' ')?;
        Some(Allocations {
            count: count.parse().ok()?,
            bytes: bytes.parse().ok()?,
        })
    };
    let mut markdown = table::markdown(&criterion_dir, &measured, &allocations);
    markdown.push_str(&table::eval_markdown(&criterion_dir, &eval));
    markdown.push_str(&table::shapes_markdown(&criterion_dir, &shapes));
    markdown.push_str(&table::targets_markdown(&criterion_dir, &measured));
    markdown.push_str(&table::shape_targets_markdown(&criterion_dir, &shapes));
    let path = dir.join("table.md");
    match std::fs::write(&path, &markdown) {
        Ok(()) => println!("\n{markdown}\nwritten to {}", path.display()),
        Err(error) => eprintln!("cannot write {}: {error}", path.display()),
    }
}

/// sift's output for the case: the JSON the receiver reads, and the input of the way back.
fn compiled_json(case: &Case) -> String {
    match sift::compile(&case.sift, sift_bench::catalog(), &options()) {
        Ok(compiled) => compiled.texts().concat(),
        Err(diagnostics) => panic!("{} does not compile: {diagnostics:?}", case.name),
    }
}

fn bench_case(criterion: &mut Criterion, case: &Case, json: &str) -> Vec<Row> {
    let options = options();
    let catalog = sift_bench::catalog();
    let mut group = criterion.benchmark_group(slug(&case.name));
    if case.conditions >= 1_000 {
        // Same iteration count per sample: the slow peers stay within seconds.
        group.sampling_mode(SamplingMode::Flat);
    }
    let sift_bytes = case.sift.len();
    let mut rows = Vec::new();
    let mut row = |id, label, bytes: usize| {
        rows.push(Row { id, label, bytes });
        Throughput::Bytes(bytes as u64)
    };

    group.throughput(row("memchr", "memchr scan of the sift text", sift_bytes));
    group.bench_function("memchr", |b| {
        b.iter(|| memchr::memchr3_iter(b'(', b')', b'"', black_box(case.sift.as_bytes())).count())
    });

    group.throughput(row("parse", "sift parse", sift_bytes));
    group.bench_function("parse", |b| {
        b.iter(|| sift_syntax::parse(black_box(&case.sift), &options.limits))
    });

    let parsed = sift_syntax::parse(&case.sift, &options.limits);
    group.throughput(row("check", "sift check (of the parsed tree)", sift_bytes));
    group.bench_function("check", |b| {
        b.iter(|| {
            for query in &parsed.document.queries {
                black_box(sift_check::check_query(
                    query,
                    catalog,
                    options.entity.as_deref(),
                ));
            }
        })
    });

    let typed: Vec<_> = parsed
        .document
        .queries
        .iter()
        .filter_map(|q| sift_check::check_query(q, catalog, options.entity.as_deref()).query)
        .collect();
    group.throughput(row("lower", "sift lower (of the typed tree)", sift_bytes));
    group.bench_function("lower", |b| {
        b.iter(|| {
            for query in &typed {
                let _ = black_box(sift_lower::lower_to_string(
                    query,
                    options.target,
                    options.emit,
                ));
            }
        })
    });

    group.throughput(row(
        "compile",
        "**sift compile** (to a JSON string)",
        sift_bytes,
    ));
    group.bench_function("compile", |b| {
        b.iter(|| sift::compile(black_box(&case.sift), catalog, &options))
    });

    group.throughput(row(
        "validate_json",
        "sift validate_json of the output",
        json.len(),
    ));
    group.bench_function("validate_json", |b| {
        b.iter(|| sift::validate_json(black_box(json), catalog, &options))
    });

    group.throughput(row("decompile", "sift decompile of the output", json.len()));
    group.bench_function("decompile", |b| {
        b.iter(|| sift::decompile(black_box(json), catalog, &options))
    });

    // Measured by bench/floor (outside the workspace's serde_json features); named here so the
    // table has its row.
    row(
        "serde_json",
        "floor: serde_json `Value` of the output",
        json.len(),
    );

    group.throughput(row(
        "tantivy",
        "tantivy-query-grammar (Lucene)",
        case.lucene.len(),
    ));
    group.bench_function("tantivy", |b| {
        b.iter(|| tantivy_query_grammar::parse_query(black_box(&case.lucene)))
    });

    group.throughput(row(
        "sqlparser",
        "sqlparser `parse_expr` (SQL)",
        case.sql.len(),
    ));
    let dialect = sqlparser::dialect::GenericDialect {};
    group.bench_function("sqlparser", |b| {
        b.iter(|| {
            sqlparser::parser::Parser::new(&dialect)
                .try_with_sql(black_box(&case.sql))
                .and_then(|mut parser| parser.parse_expr())
        })
    });

    group.throughput(row("cel", "cel-parser (CEL)", case.cel.len()));
    group.bench_function("cel", |b| {
        b.iter(|| cel_parser::Parser::new().parse(black_box(&case.cel)))
    });
    group.finish();
    rows
}

/// One case of the broadened suite: sift's parse, compile and JSON validation, and the Lucene
/// parser, on one shape at one size (the floor is measured by `bench/floor` from the inputs).
fn bench_shape(criterion: &mut Criterion, case: &Case, json: &str) {
    let options = options();
    let catalog = sift_bench::catalog();
    let mut group = criterion.benchmark_group(slug(&case.name));
    if case.conditions >= 1_000 {
        group.sampling_mode(SamplingMode::Flat);
    }
    group.throughput(Throughput::Bytes(case.sift.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| sift_syntax::parse(black_box(&case.sift), &options.limits))
    });
    group.bench_function("compile", |b| {
        b.iter(|| sift::compile(black_box(&case.sift), catalog, &options))
    });
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("validate_json", |b| {
        b.iter(|| sift::validate_json(black_box(json), catalog, &options))
    });
    group.throughput(Throughput::Bytes(case.lucene.len() as u64));
    group.bench_function("tantivy", |b| {
        b.iter(|| tantivy_query_grammar::parse_query(black_box(&case.lucene)))
    });
    group.finish();
}

/// The local evaluator over generated records: the filter alone on parsed records, and the
/// whole page from JSON Lines text: each line read into a `Value`, or read in place by the
/// tape as `sift search --data` reads it, then filtered, sorted and kept.
fn bench_eval(criterion: &mut Criterion) -> Vec<EvalRow> {
    let case = eval_case();
    let Ok((_, search)) = Search::from_request(&case.request, options().target) else {
        eprintln!("the evaluator's request does not load: no evaluator rows");
        return Vec::new();
    };
    let records = case.records.len();
    let mut group = criterion.benchmark_group("eval");
    group.throughput(Throughput::Elements(records as u64));
    group.bench_function("matches", |b| {
        b.iter(|| case.records.iter().filter(|r| search.matches(*r)).count())
    });
    group.bench_function("jsonl", |b| {
        b.iter(|| {
            let mut collector = search.collector();
            for line in black_box(&case.jsonl).lines() {
                let Ok(record) = serde_json::from_str(line) else {
                    continue;
                };
                if collector.push(record) == Flow::Stop {
                    break;
                }
            }
            collector.finish()
        })
    });
    group.bench_function("tape", |b| {
        b.iter(|| {
            let mut tape = Tape::default();
            let mut collector = search.collector_of::<&str>();
            for line in black_box(&case.jsonl).lines() {
                let flow = match tape.scan(line) {
                    Some(scanned) => collector.push_view(scanned.record, || line),
                    None => match serde_json::from_str::<serde_json::Value>(line) {
                        Ok(record) => collector.push_view(&record, || line),
                        Err(_) => continue,
                    },
                };
                if flow == Flow::Stop {
                    break;
                }
            }
            collector.finish_kept()
        })
    });
    group.finish();
    vec![
        EvalRow {
            id: "matches",
            label: "sift-eval filter of parsed records",
            records,
            bytes: case.jsonl.len(),
        },
        EvalRow {
            id: "jsonl",
            label: "sift-eval page from JSON Lines (parse, filter, sort)",
            records,
            bytes: case.jsonl.len(),
        },
        EvalRow {
            id: "tape",
            label: "sift-eval page from JSON Lines read in place (the tape `sift search --data` uses)",
            records,
            bytes: case.jsonl.len(),
        },
    ]
}

/// Runs `bench/floor`: serde_json with its default features reading the outputs written to
/// `dir/inputs`, into the same criterion directory.
fn run_floor(dir: &Path) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/floor/Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .arg("bench")
        .arg("--manifest-path")
        .arg(manifest)
        .env("CARGO_TARGET_DIR", dir.join("floor-target"))
        .env("SIFT_BENCH_DIR", dir)
        .status();
    match status {
        Ok(status) if status.success() => {}
        other => eprintln!("bench/floor did not run ({other:?}): the floor rows stay empty"),
    }
}
