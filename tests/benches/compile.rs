//! Speed of each stage and of the whole pipeline, and how cost grows with input size.
//! Run with `cargo bench -p sift-tests`; figures go in the docs and issue notes, never in tests.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use sift::{Options, harvest};
use sift_syntax::{Limits, parse};

const SMALL: &str = r#"is_active = true and name ~ "Acme""#;
const QUERY: &str = r#"from users
where is_active = true and (first_name ~ "ann" or email endswith "@acme.com")
sort created_at desc, last_name
limit 50
fields id, first_name, email"#;

fn options(entity: &str) -> Options {
    Options {
        entity: Some(entity.into()),
        limits: Limits {
            max_input_bytes: usize::MAX,
            max_nodes: usize::MAX,
            ..Limits::default()
        },
        ..Options::default()
    }
}

/// `n` conditions in one `and` chain: the shape whose cost must stay linear.
fn chain(n: usize) -> String {
    let mut s = String::with_capacity(n * 40);
    for i in 0..n {
        if i > 0 {
            s.push_str(" and ");
        }
        s.push_str(&format!("weekly_capacity > {i}"));
    }
    s
}

fn small(c: &mut Criterion) {
    let clients = options("clients");
    let users = options("users");
    c.bench_function("compile/readme_filter", |b| {
        b.iter(|| sift::compile(black_box(SMALL), harvest(), &clients))
    });
    c.bench_function("compile/full_query", |b| {
        b.iter(|| sift::compile(black_box(QUERY), harvest(), &users))
    });
    c.bench_function("parse/full_query", |b| {
        b.iter(|| parse(black_box(QUERY), &Limits::default()))
    });
}

fn scaling(c: &mut Criterion) {
    let users = options("users");
    let mut group = c.benchmark_group("compile/and_chain");
    for n in [100, 1_000, 10_000] {
        let text = chain(n);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| sift::compile(black_box(text), harvest(), &users))
        });
    }
    group.finish();

    // The receiver's side: serde_json reading sift's own output for the same chain.
    let mut group = c.benchmark_group("serde_json/read_output");
    for n in [100, 1_000, 10_000] {
        let json = sift::compile(&chain(n), harvest(), &users)
            .map(|c| c.outputs.concat())
            .unwrap_or_default();
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &json, |b, json| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(json)))
        });
    }
    group.finish();
}

fn hostile(c: &mut Criterion) {
    let parens = "(".repeat(1_000_000);
    let open = Limits {
        max_input_bytes: usize::MAX,
        ..Limits::default()
    };
    c.bench_function("parse/1M_open_parens", |b| {
        b.iter(|| parse(black_box(&parens), &open))
    });
    let huge = chain(300_000);
    c.bench_function("compile/10MB_rejected_by_size", |b| {
        b.iter(|| sift::compile(black_box(&huge), harvest(), &Options::default()))
    });
}

criterion_group!(benches, small, scaling, hostile);
criterion_main!(benches);
