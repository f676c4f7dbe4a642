//! Linearity of drawing diagnostics, by the work itself: the binary's renderer (compiled in
//! from `src/render.rs`) draws every diagnostic of an input of size n and of size 8n, and the
//! bytes of source it reads — counted by the source's index, through which it reads the source
//! (`SourceIndex::work`: the text once when indexed, then each lookup's block and every window
//! drawn) — must grow about eightfold. Each diagnostic's drawing depends only on its own
//! labels; a renderer that read the source again per diagnostic, or drew whole lines between
//! far-apart labels, would read about 64 times as much.
#![allow(dead_code)]

use sift::schema::harvest;
use sift::syntax::SourceIndex;
use sift::{Diagnostics, Options};

/// The one item of the binary's argument module the renderer names.
mod args {
    #[derive(Clone, Copy, Debug)]
    pub enum ColorChoice {
        Auto,
        Always,
        Never,
    }
}

/// The one item of the binary's configuration the renderer's JSON summary names.
mod config {
    pub mod in_force {
        #[derive(Clone, Debug, serde::Serialize)]
        pub struct InForce;
    }
}

#[path = "../src/render.rs"]
mod render;

/// The bytes of `source` the renderer reads to draw all of `diagnostics`, and how many it drew.
fn work(diagnostics: Diagnostics, source: &str) -> (usize, usize) {
    let style = render::Style {
        color: false,
        max_diagnostics: usize::MAX,
    };
    let count = diagnostics.len();
    let index = SourceIndex::new(source);
    let drawn = style.render_from(diagnostics, ("input", 0), &index, usize::MAX);
    assert!(!drawn.contains("not shown"), "every diagnostic is drawn");
    (index.work(), count)
}

/// The work at size 8n is about eight times the work at size n, and so is the number of
/// diagnostics.
fn scales(what: &str, diagnose: impl Fn(&str) -> Diagnostics, make: impl Fn(usize) -> String) {
    let n = 300;
    let (small, large) = (make(n), make(8 * n));
    let (work_small, drawn_small) = work(diagnose(&small), &small);
    let (work_large, drawn_large) = work(diagnose(&large), &large);
    assert!(
        drawn_small >= n,
        "{what}: {drawn_small} diagnostics at n = {n}"
    );
    let drawn = drawn_large as f64 / drawn_small as f64;
    assert!(
        (7.0..=9.0).contains(&drawn),
        "{what}: {drawn_small} diagnostics at n, {drawn_large} at 8n"
    );
    let ratio = work_large as f64 / work_small as f64;
    assert!(
        (6.0..=10.0).contains(&ratio),
        "{what}: work {work_small} at n, {work_large} at 8n (ratio {ratio:.1})"
    );
}

fn check(source: &str) -> Diagnostics {
    sift::check(source, harvest(), &Options::default())
}

fn check_json(source: &str) -> Diagnostics {
    let options = Options::default().with_entity("users");
    sift::check_json(source, harvest(), &options).diagnostics
}

/// One long line of unknown fields: errors.
fn unknown_fields(n: usize) -> String {
    let conditions: Vec<String> = (0..n).map(|i| format!("unknown{i} = 1")).collect();
    format!("from users where {}\n", conditions.join(" and "))
}

#[test]
fn text_errors_on_one_line() {
    scales("errors on one line", check, unknown_fields);
}

#[test]
fn text_errors_far_apart() {
    // Each duplicate `limit` labels the first one too: labels ever further apart.
    scales("labels far apart", check, |n| {
        format!("from users {}\n", vec!["limit 1"; n + 1].join(" "))
    });
}

#[test]
fn text_warnings() {
    scales("warnings", check, |n| {
        format!("from users sort {}\n", vec!["id"; n + 1].join(", "))
    });
}

#[test]
fn json_errors() {
    scales("JSON errors", check_json, |n| {
        let conditions: Vec<String> = (0..n)
            .map(|i| format!("{{\"eq\":{{\"id\":\"x{i}\"}}}}"))
            .collect();
        format!("{{\"and\":[{}]}}", conditions.join(","))
    });
}

#[test]
fn json_warnings() {
    scales("JSON warnings", check_json, |n| {
        let conditions: Vec<String> = (0..n)
            .map(|i| format!("{{\"and\":[{{\"eq\":{{\"id\":{i}}}}}]}}"))
            .collect();
        format!("{{\"and\":[{}]}}", conditions.join(","))
    });
}

#[test]
fn yaml_spec_errors() {
    let spec = |n: usize| {
        let fields: String = (0..n)
            .map(|i| format!("          - name: f{i}\n            type: bogus\n"))
            .collect();
        format!(
            "info:\n  x-airbyte-connector-name: big\n  x-airbyte-context-store:\n    entities:\n      - entity: things\n        fields:\n{fields}"
        )
    };
    let diagnose = |text: &str| match sift::schema::load_connector_spec(text, "connector.yaml") {
        Ok(loaded) => loaded.warnings,
        Err(errors) => errors,
    };
    // The spec reader stops at 100 problems: stay below.
    let n = 12;
    let (small, large) = (spec(n), spec(8 * n));
    let (work_small, drawn_small) = work(diagnose(&small), &small);
    let (work_large, drawn_large) = work(diagnose(&large), &large);
    assert_eq!((drawn_small, drawn_large), (n, 8 * n));
    let ratio = work_large as f64 / work_small as f64;
    assert!(
        (6.0..=10.0).contains(&ratio),
        "spec errors: ratio {ratio:.1}"
    );
}

/// The count sees a renderer that reads too much: drawing every diagnostic against a source
/// read whole once per diagnostic grows with the square of the size.
#[test]
fn the_count_sees_a_source_read_per_diagnostic() {
    let source = unknown_fields(300);
    let diagnostics = check(&source);
    let count = diagnostics.len();
    let index = SourceIndex::new(&source);
    for _ in 0..count {
        let _ = index.slice(0..source.len());
    }
    assert!(index.work() >= count * source.len());
}
