//! The server's latency on a large document: diagnostics for a 5 000-query file after one edit
//! (the `didChange` handled and the `publishDiagnostics` built), and completion at its end.
//! `cargo bench -p sift-lsp`.

use criterion::{Criterion, criterion_group, criterion_main};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use sift_lsp::{MemoryFiles, State, handle};

const URI: &str = "untitled:large.sift";
const QUERIES: usize = 5_000;

/// Five shapes of query, over and over, one per line.
fn large_document() -> String {
    let shapes = [
        "from users where is_active = true and last_name ~ \"smith\" sort created_at desc limit 20",
        "from projects where (is_billable = true or budget > 1000) and starts_on >= 2026-01-01",
        "from time_entries where hours between 1 and 8 and notes like \"%review%\"",
        "from invoices where state in [\"open\", \"draft\"] and amount >= 250.50",
        "from clients where name ~ \"acme\" and is_active = true fields id, name",
    ];
    (0..QUERIES)
        .map(|i| shapes[i % shapes.len()])
        .collect::<Vec<_>>()
        .join(";\n")
}

fn notification(method: &str, params: Value) -> Message {
    Message::Notification(Notification::new(method.to_owned(), params))
}

fn request(id: i32, method: &str, params: Value) -> Message {
    Message::Request(Request::new(RequestId::from(id), method.to_owned(), params))
}

fn server(text: &str) -> State {
    let mut state = State::new(Box::new(MemoryFiles::default()));
    handle(
        &mut state,
        request(
            0,
            "initialize",
            json!({"capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
        ),
    );
    handle(&mut state, notification("initialized", json!({})));
    handle(
        &mut state,
        notification(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": URI, "languageId": "sift", "version": 1, "text": text}}),
        ),
    );
    state
}

fn bench(c: &mut Criterion) {
    let text = large_document();
    let lines = u32::try_from(QUERIES).unwrap_or(u32::MAX);
    let mut state = server(&text);
    // One edit in the middle: `20` ↔ `21` in the limit of a query, so each run changes it.
    let line = lines / 2 - (lines / 2) % 5;
    let limit = u32::try_from(
        text.lines()
            .nth(line as usize)
            .unwrap_or("")
            .find("20")
            .unwrap_or(0),
    )
    .unwrap_or(0);
    let mut version = 1;
    c.bench_function("diagnostics after one edit (5000 queries)", |b| {
        b.iter(|| {
            version += 1;
            let digit = if version % 2 == 0 { "1" } else { "0" };
            let out = handle(
                &mut state,
                notification(
                    "textDocument/didChange",
                    json!({
                        "textDocument": {"uri": URI, "version": version},
                        "contentChanges": [{
                            "range": {"start": {"line": line, "character": limit + 1}, "end": {"line": line, "character": limit + 2}},
                            "text": digit,
                        }],
                    }),
                ),
            );
            assert_eq!(out.len(), 1);
            out
        });
    });
    let last = text.lines().last().unwrap_or("");
    let column = u32::try_from(last.find("is_active").unwrap_or(0) + 4).unwrap_or(0);
    c.bench_function("completion at the end (5000 queries)", |b| {
        b.iter(|| {
            let out = handle(
                &mut state,
                request(
                    1,
                    "textDocument/completion",
                    json!({"textDocument": {"uri": URI}, "position": {"line": lines - 1, "character": column}}),
                ),
            );
            assert_eq!(out.len(), 1);
            out
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
