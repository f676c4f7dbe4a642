//! Any text: parsing never panics; when it parses cleanly, the formatter's output parses to
//! the same tree and formatting is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sift_syntax::{Limits, SpanlessEq, format_document, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse(source, &Limits::default());
    if !parsed.errors.is_empty() {
        return;
    }
    let formatted = format_document(&parsed.document);
    let again = parse(&formatted, &Limits::default());
    assert!(
        again.errors.is_empty(),
        "formatted text does not parse: {formatted:?}"
    );
    assert!(
        again.document.queries.spanless_eq(&parsed.document.queries),
        "formatting changed the tree: {formatted:?}"
    );
    assert_eq!(
        format_document(&again.document),
        formatted,
        "formatting is not idempotent"
    );
});
