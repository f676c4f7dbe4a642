//! The `.sift` corpus: every case under `tests/cases/` is run through each stage, and each
//! stage's result is an insta snapshot (formatted AST, check diagnostics, JSON per target).
//! A case checks against the built-in Harvest catalog, or against the spec fixture its
//! leading `# spec: NAME` line names (`tests/fixtures/specs/NAME/connector.yaml`).

mod common;

use std::fmt::Write;

use sift_lower::{Emit, Target};
use sift_syntax::{Limits, parse};

const TARGETS: [Target; 3] = [Target::V2026_03, Target::V2026_04, Target::V2026_10];

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).expect("corpus files are UTF-8")
}

/// Stage 1: the canonical formatting of what was parsed, and every syntax diagnostic.
#[test]
fn parse_stage() {
    insta::glob!("../cases", "**/*.sift", |path| {
        let source = read(path);
        let name = common::case_name(path);
        let parsed = parse(&source, &Limits::default());
        let mut out = String::new();
        if parsed.errors.is_empty() {
            out += &sift_syntax::format_document(&parsed.document);
        } else {
            out += &common::render(parsed.errors, &name, &source);
        }
        insta::assert_snapshot!("parse", out);
    });
}

/// Parses a case and checks each of its queries against the Harvest catalog, or the spec
/// fixture of its `# spec:` line, with the entity of its `# entity:` line for bare filters;
/// `visit` sees each query's number and result.
fn each_checked_query(source: &str, mut visit: impl FnMut(usize, sift_check::Checked<'_>)) {
    let parsed = parse(source, &Limits::default());
    let entity = common::entity_directive(source);
    let clock = common::clock_directive(source);
    let spec = common::spec_directive(source);
    let catalog = spec.as_ref().unwrap_or_else(|| sift_schema::harvest());
    for (i, query) in parsed.document.queries.iter().enumerate() {
        let checked = match &clock {
            Some(clock) => sift_check::type_query_at(query, catalog, entity.as_deref(), clock),
            None => sift_check::type_query(query, catalog, entity.as_deref()),
        };
        visit(i + 1, checked);
    }
}

/// Stage 2: check each query against the Harvest catalog; every diagnostic, rendered.
#[test]
fn check_stage() {
    insta::glob!("../cases", "**/*.sift", |path| {
        let source = read(path);
        let name = common::case_name(path);
        let mut out = String::new();
        each_checked_query(&source, |n, checked| {
            let _ = writeln!(out, "── query {n} ──");
            if checked.diagnostics.is_empty() {
                out += "ok\n";
            } else {
                out += &common::render(checked.diagnostics, &name, &source);
            }
        });
        insta::assert_snapshot!("check", out);
    });
}

/// Stage 3: lower each query that checks to the params form for every target.
#[test]
fn lower_stage() {
    insta::glob!("../cases", "**/*.sift", |path| {
        let source = read(path);
        let name = common::case_name(path);
        let mut out = String::new();
        each_checked_query(&source, |n, checked| {
            let Some(typed) = checked.query else {
                return;
            };
            let _ = writeln!(out, "── query {n} ──");
            for target in TARGETS {
                match sift_lower::lower_to_string(&typed, target, Emit::Params) {
                    Ok(json) => {
                        let _ = writeln!(out, "{target}: {json}");
                    }
                    Err(errors) => {
                        let _ = writeln!(out, "{target}:");
                        out += &common::render(errors, &name, &source);
                    }
                }
            }
        });
        insta::assert_snapshot!("lower", out);
    });
}
