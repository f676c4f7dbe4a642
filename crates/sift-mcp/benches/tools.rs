//! Server time of the tools an agent calls most, through the same table `tools/call` uses:
//! arguments read from JSON, the tool run, the result written as JSON (the transport's framing
//! and the pipe are left out). Typical inputs: an agent's JSON filter with two operator keys in
//! one object (a warning and its fix applied), a valid filter, and a short sift query.
//! Start-up (process to first answer) is measured by `bench/mcp-startup.py`.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use sift_mcp::{Server, SiftMcp};

fn server() -> SiftMcp {
    SiftMcp::new(Server::new(
        sift::schema::harvest().clone(),
        sift::Options::default().with_inferred_target(),
    ))
}

fn arguments(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("the arguments are objects"),
    }
}

fn tools(c: &mut Criterion) {
    let server = server();
    let cases = [
        (
            "validate/fixable",
            "validate",
            json!({"document": {"gte": {"weekly_capacity": 100000}, "eq": {"is_active": true}},
                   "entity": "users"}),
        ),
        (
            "validate/valid",
            "validate",
            json!({"document": {"and": [{"eq": {"is_active": true}},
                   {"endswith": {"email": "@acme.com"}}, {"gte": {"created_at": "2026-01-01T00:00:00Z"}}]},
                   "entity": "users"}),
        ),
        (
            "compile/request",
            "compile",
            json!({"query": "from users where is_active = true and email endswith \"@acme.com\" and created_at >= 2026-01-01T00:00:00Z sort created_at desc limit 20",
                   "emit": "request"}),
        ),
        (
            "compile/unknown_field",
            "compile",
            json!({"query": "from users where is_actve = true"}),
        ),
    ];
    for (name, tool, args) in cases {
        let args = arguments(args);
        let first = server.call(tool, args.clone()).expect("a tool");
        assert!(first.is_ok(), "{name}: {first:?}");
        c.bench_function(name, |b| {
            b.iter(|| server.call(tool, std::hint::black_box(args.clone())))
        });
    }
}

criterion_group!(benches, tools);
criterion_main!(benches);
