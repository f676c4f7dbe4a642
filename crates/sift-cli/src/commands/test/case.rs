//! One case run: its query compiled as `sift compile --emit request` compiles it, run on the
//! fixtures as `sift search --data --all` runs it, and what came out set against what the case
//! expects.

use serde_json::Value;
use sift_eval::Request;

use super::file::Case;
use crate::commands::search::backend::{Backend, BackendError, Paging};

/// Most pages a case's search walks: fixtures are small; a query whose pages never end is a
/// fixture problem, not a reason to hang.
const MAX_PAGES: u32 = 10_000;

/// What a case's query gave.
#[derive(Debug, Default)]
pub struct Got {
    /// Error codes, sorted (compiling failed when not empty).
    pub errors: Vec<String>,
    /// Warning codes, sorted.
    pub warnings: Vec<String>,
    /// The compiled request.
    pub json: Option<Value>,
    /// The `id_key` of each record found, in the order found.
    pub ids: Option<Vec<Value>>,
    /// The records found, in the order found (kept only for `expect_rows`).
    pub rows: Option<Vec<Value>>,
    /// The pages the walk took.
    pub pages: Option<u32>,
    /// Whether the request sorts (then the order of `ids` is asserted).
    pub sorted: bool,
}

/// One expectation that did not hold, both sides as text, one item a line, for a diff.
#[derive(Debug)]
pub struct Mismatch {
    /// The key whose expectation failed (`expect_ids`).
    pub key: &'static str,
    pub expected: String,
    pub got: String,
}

/// How a case ended.
#[derive(Debug)]
pub enum Verdict {
    Pass,
    Fail(Vec<Mismatch>),
    /// The case could not be run (a query file that cannot be read, a fixture file missing):
    /// a usage or IO problem, exit 2.
    Broken(String),
}

/// What a case ran on: the file's catalog, options and fixtures.
pub struct Bench<'b> {
    pub catalog: &'b sift::Catalog,
    pub options: &'b sift::Options,
    pub backend: Option<&'b mut Backend>,
    /// The one entity the fixtures hold records of (a single file, or `[[rows]]`).
    pub only_entity: Option<&'b str>,
}

/// Runs the compiled query of `source` (`query_index` picks one of several) and collects what
/// the case's expectations look at.
pub fn run(case: &Case, source: &str, bench: &mut Bench<'_>) -> Result<Got, String> {
    let mut got = Got::default();
    let compiled = match sift::compile(source, bench.catalog, bench.options) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            for diagnostic in diagnostics.iter() {
                let list = match diagnostic.is_error() {
                    true => &mut got.errors,
                    false => &mut got.warnings,
                };
                list.push(diagnostic.code().to_owned());
            }
            got.errors.sort();
            got.warnings.sort();
            return Ok(got);
        }
    };
    got.warnings = compiled
        .warnings
        .codes()
        .iter()
        .map(|c| c.to_string())
        .collect();
    got.warnings.sort();
    let index = case.query_index.unwrap_or(0);
    let output = match (compiled.outputs.get(index), case.query_index) {
        (Some(output), Some(_)) => output,
        (Some(output), None) if compiled.outputs.len() == 1 => output,
        (_, None) => {
            return Err(format!(
                "the query text holds {} queries: say which with `query_index`",
                compiled.outputs.len()
            ));
        }
        (None, Some(_)) => {
            return Err(format!(
                "query_index = {index}, and the query text holds {} queries",
                compiled.outputs.len()
            ));
        }
    };
    let request = Request::parse(&output.json).map_err(|e| format!("the compiled request: {e}"))?;
    got.json = Some(request.json().clone());
    got.sorted = request
        .query()
        .is_some_and(|query| query.get("sort").is_some());
    if case.needs_data() {
        let Some(backend) = bench.backend.as_deref_mut() else {
            return Err("records are expected, and the file names no `fixtures`".into());
        };
        if let Some(entity) = bench.only_entity
            && entity != request.entity()
        {
            return Err(format!(
                "the query searches `{}`, and the fixtures hold records of `{entity}` only",
                request.entity()
            ));
        }
        let found = search(backend, &request, case)?;
        got.ids = Some(found.ids);
        got.rows = case.expect_rows.is_some().then_some(found.rows);
        got.pages = Some(found.pages);
    }
    Ok(got)
}

/// The key records are named by.
pub fn id_key(case: &Case) -> &str {
    case.id_key.as_deref().unwrap_or("id")
}

/// What a search found.
struct Found {
    ids: Vec<Value>,
    rows: Vec<Value>,
    pages: u32,
}

/// Every record the request finds, walking all pages (`sift search --all`, pages of the
/// case's `page_size`): the `id_key` of each, and the records themselves for `expect_rows`.
fn search(backend: &mut Backend, request: &Request, case: &Case) -> Result<Found, String> {
    let paging = Paging {
        all: true,
        total: request.limit(),
        page_size: case.page_size,
        max_pages: MAX_PAGES,
    };
    let key = id_key(case);
    let keep_rows = case.expect_rows.is_some();
    let (mut ids, mut rows) = (Vec::new(), Vec::new());
    let walked = backend.walk(request, &paging, &mut |records| {
        for record in records {
            let value = record.to_value();
            ids.push(value.get(key).cloned().unwrap_or(Value::Null));
            if keep_rows {
                rows.push(value);
            }
        }
        Ok::<(), std::convert::Infallible>(())
    });
    match walked {
        Ok(Ok(walked)) => Ok(Found {
            ids,
            rows,
            pages: walked.pages,
        }),
        Ok(Err(BackendError::Io(message))) => Err(message),
        Ok(Err(BackendError::Eval(error))) => Err(error.to_string()),
        Ok(Err(BackendError::Api(error))) => Err(error.to_string()),
        Err(never) => match never {},
    }
}

/// Sets what the case expects against what it got.
pub fn judge(case: &Case, got: &Got) -> Verdict {
    let mut mismatches = Vec::new();
    let mut check = |key, expected: String, got: String| {
        if expected != got {
            mismatches.push(Mismatch { key, expected, got });
        }
    };
    if let Some(expected) = &case.expect_error {
        check(
            "expect_error",
            codes(expected, &got.errors),
            lines(&got.errors),
        );
    } else if !got.errors.is_empty() {
        check("expect_error", String::new(), lines(&got.errors));
    }
    if let Some(expected) = &case.expect_warning {
        check(
            "expect_warning",
            codes(expected, &got.warnings),
            lines(&got.warnings),
        );
    }
    if let (Some(expected), Some(json)) = (&case.expect_json, &got.json) {
        let expected = serde_json::from_str::<Value>(expected).unwrap_or(Value::Null);
        check("expect_json", pretty(&expected), pretty(json));
    }
    if let Some(ids) = &got.ids {
        if let Some(count) = case.expect_count {
            check(
                "expect_count",
                format!("{count}\n"),
                format!("{}\n", ids.len()),
            );
        }
        if let (Some(expected), Some(rows)) = (&case.expect_rows, &got.rows) {
            let expected: Vec<Value> = match serde_json::from_str::<Value>(expected) {
                Ok(Value::Array(rows)) => rows.iter().map(canonical).collect(),
                _ => Vec::new(),
            };
            let rows: Vec<Value> = rows.iter().map(canonical).collect();
            let rows = &rows;
            let (expected, found) = match got.sorted {
                true => (id_lines(expected.iter()), id_lines(rows.iter())),
                false => (sorted_id_lines(&expected), sorted_id_lines(rows)),
            };
            check("expect_rows", expected, found);
        }
        if let (Some(expected), Some(pages)) = (case.expect_pages, got.pages) {
            check(
                "expect_pages",
                format!("{expected}\n"),
                format!("{pages}\n"),
            );
        }
        if let Some(expected) = &case.expect_ids {
            let (expected, found) = match got.sorted {
                true => (id_lines(expected.iter()), id_lines(ids.iter())),
                false => (sorted_id_lines(expected), sorted_id_lines(ids)),
            };
            check("expect_ids", expected, found);
        }
    }
    match mismatches.is_empty() {
        true => Verdict::Pass,
        false => Verdict::Fail(mismatches),
    }
}

/// Expected codes, each spelled as the code it names (`unknown_field` or
/// `sift::check::unknown_field`), one a line, in the order of `got` where they match.
fn codes(expected: &[String], got: &[String]) -> String {
    let mut full: Vec<String> = expected
        .iter()
        .map(|code| {
            got.iter()
                .find(|g| *g == code || g.rsplit("::").next() == Some(code.as_str()))
                .cloned()
                .unwrap_or_else(|| code.clone())
        })
        .collect();
    full.sort();
    lines(&full)
}

fn lines(items: &[String]) -> String {
    items.iter().map(|item| format!("{item}\n")).collect()
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Values (ids or records) one a line, as compact JSON.
fn id_lines<'v>(ids: impl Iterator<Item = &'v Value>) -> String {
    ids.map(|id| format!("{id}\n")).collect()
}

/// Values one a line, in a fixed order: a query that does not sort promises no order.
fn sorted_id_lines(ids: &[Value]) -> String {
    let mut texts: Vec<String> = ids.iter().map(Value::to_string).collect();
    texts.sort();
    lines(&texts)
}

/// A value with the keys of every object in sorted order, so that records written with their
/// keys in another order compare (and print) the same.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), canonical(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}
