//! A `*.sift-test.toml` file's text read into a [`TestFile`]: settings shared by its cases and
//! the `[[case]]` tables. Pure; every error is placed as `sift.toml`'s are (`LINE:COLUMN: key
//! `case[2].expect_count`: …`), with the same helpers.

use std::path::PathBuf;

use serde::Deserialize;
use serde_json::Value;
use sift_config::{key_at, key_on_line, known_keys, located, unknown_key};
use toml::de::{DeTable, DeValue};

/// What a test file ends with.
pub const SUFFIX: &str = ".sift-test.toml";

/// The largest test file read: a file of cases is a few kilobytes.
pub const MAX_BYTES: usize = 1 << 20;

/// The top level of a test file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    /// A connector name, as `--connector` takes it (`builtin`: the Harvest catalog).
    pub connector: Option<String>,
    /// A connector.yaml or a directory of them, relative to the file.
    pub spec: Option<PathBuf>,
    /// The entity of filter expressions without `from`.
    pub entity: Option<String>,
    /// The API version compiled for.
    #[serde(default, deserialize_with = "sift_config::target")]
    pub target: Option<sift::Target>,
    /// The instant relative times resolve against (RFC 3339), so results do not move.
    pub now: Option<String>,
    /// The time zone of `today()` and day arithmetic (IANA name).
    pub tz: Option<String>,
    /// A directory of `ENTITY.jsonl` / `ENTITY.json` files (the data `sift search --data`
    /// reads), or one such file, relative to the test file.
    pub fixtures: Option<PathBuf>,
    /// Records written in the file (`[[rows]]`), of `entity`, instead of `fixtures`.
    #[serde(default)]
    pub rows: Vec<Value>,
    /// The cases, in file order.
    #[serde(default, rename = "case")]
    pub cases: Vec<Case>,
}

/// One `[[case]]`: a query and what it must give.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    /// The query, inline.
    pub query: Option<String>,
    /// A stored `.sift` file, relative to the test file.
    pub query_file: Option<PathBuf>,
    /// Which query of `query_file` (0 for the first of `;`-separated queries).
    pub query_index: Option<usize>,
    /// The field `expect_ids` names records by; default `id`.
    pub id_key: Option<String>,
    /// The records found, by `id_key`; in order when the query sorts.
    pub expect_ids: Option<Vec<Value>>,
    /// How many records are found.
    pub expect_count: Option<u64>,
    /// The records found, exactly, as a JSON array (in order when the query sorts).
    pub expect_rows: Option<String>,
    /// Records per page when walking the pages (`sift search --all --page-size N`).
    pub page_size: Option<u64>,
    /// How many pages the walk takes.
    pub expect_pages: Option<u32>,
    /// The compiled request, as JSON text (compared as JSON, not as text).
    pub expect_json: Option<String>,
    /// Codes of the errors compiling gives (then nothing runs).
    pub expect_error: Option<Vec<String>>,
    /// Codes of the warnings compiling gives.
    pub expect_warning: Option<Vec<String>>,
    /// The line of the case's table (not a key).
    #[serde(skip)]
    pub line: usize,
}

impl Case {
    /// Whether the case asserts anything about the records found.
    pub fn needs_data(&self) -> bool {
        self.expect_ids.is_some()
            || self.expect_count.is_some()
            || self.expect_rows.is_some()
            || self.expect_pages.is_some()
    }
}

/// Reads a test file's text. The error is one message placed at its line and key.
pub fn parse(text: &str) -> Result<TestFile, String> {
    let document = DeTable::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |span| span.start);
        located(text, at, key_on_line(text, at).as_deref(), e.message())
    })?;
    let table = document.get_ref();
    unknown_key(text, table, "", known_keys::<TestFile>())?;
    let case_tables = case_tables(table);
    for (index, (case, _)) in case_tables.iter().enumerate() {
        unknown_key(text, case, &format!("case[{index}]."), known_keys::<Case>())?;
    }
    let mut file: TestFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |span| span.start);
        let key = case_key(&case_tables, at)
            .or_else(|| key_at(table, "", at))
            .or_else(|| key_on_line(text, at));
        located(text, at, key.as_deref(), e.message())
    })?;
    if !file.rows.is_empty() {
        let at = text.find("[[rows]]").unwrap_or(0);
        if file.fixtures.is_some() {
            return Err(located(
                text,
                at,
                Some("rows"),
                "give `fixtures` or `[[rows]]`, not both",
            ));
        }
        if file.entity.is_none() {
            return Err(located(
                text,
                at,
                Some("rows"),
                "`[[rows]]` are records of `entity`: name it",
            ));
        }
    }
    let has_data = file.fixtures.is_some() || !file.rows.is_empty();
    for (index, case) in file.cases.iter_mut().enumerate() {
        let at = case_tables.get(index).map_or(0, |(_, start)| *start);
        case.line = located(text, at, None, "")
            .split(':')
            .next()
            .and_then(|line| line.parse().ok())
            .unwrap_or(1);
        let place = |key: &str, message: &str| {
            located(text, at, Some(&format!("case[{index}].{key}")), message)
        };
        match (&case.query, &case.query_file) {
            (Some(_), Some(_)) => {
                return Err(place("query", "give `query` or `query_file`, not both"));
            }
            (None, None) => return Err(place("query", "give `query` (inline) or `query_file`")),
            (Some(_), None) if case.query_index.is_some() => {
                return Err(place(
                    "query_index",
                    "`query_index` picks a query of `query_file`",
                ));
            }
            _ => {}
        }
        let expects = [
            case.expect_ids.is_some(),
            case.expect_count.is_some(),
            case.expect_rows.is_some(),
            case.expect_pages.is_some(),
            case.expect_json.is_some(),
            case.expect_error.is_some(),
            case.expect_warning.is_some(),
        ];
        if !expects.contains(&true) {
            return Err(place(
                "name",
                "the case expects nothing: give expect_ids, expect_count, expect_rows, \
                 expect_pages, expect_json, expect_error or expect_warning (or run `sift test --update` after adding an \
                 empty one)",
            ));
        }
        if case.expect_error.is_some() && (case.needs_data() || case.expect_json.is_some()) {
            return Err(place(
                "expect_error",
                "a query with errors compiles to nothing and finds nothing: expect_error goes \
                 with expect_warning only",
            ));
        }
        if let Some(json) = &case.expect_json
            && let Err(e) = serde_json::from_str::<Value>(json)
        {
            return Err(place("expect_json", &format!("not JSON: {e}")));
        }
        if let Some(rows) = &case.expect_rows
            && !matches!(serde_json::from_str::<Value>(rows), Ok(Value::Array(_)))
        {
            return Err(place("expect_rows", "not a JSON array of records"));
        }
        if case.page_size == Some(0) {
            return Err(place("page_size", "a page holds at least one record"));
        }
        if case.needs_data() && !has_data {
            return Err(place(
                "expect_ids",
                "records are expected, and the file has no `fixtures` and no `[[rows]]`",
            ));
        }
    }
    Ok(file)
}

/// Each `[[case]]` table with the byte offset where it starts.
fn case_tables<'t>(table: &'t DeTable<'_>) -> Vec<(&'t DeTable<'t>, usize)> {
    let Some(DeValue::Array(items)) = table.get("case").map(|v| v.get_ref()) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item.get_ref() {
            DeValue::Table(case) => Some((case, item.span().start)),
            _ => None,
        })
        .collect()
}

/// `case[N].KEY` for an offset within a case's key or value.
fn case_key(cases: &[(&DeTable<'_>, usize)], at: usize) -> Option<String> {
    cases
        .iter()
        .enumerate()
        .find_map(|(index, (case, _))| key_at(case, &format!("case[{index}]."), at))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "fixtures = \"data\"\n[[case]]\nname = \"a\"\nquery = \"from users\"\n\
                        expect_count = 3\n";

    #[test]
    fn reads_a_file() {
        let file = parse(GOOD).expect("a valid file");
        assert_eq!(file.cases.len(), 1);
        assert_eq!(file.cases[0].line, 2);
        assert_eq!(file.cases[0].expect_count, Some(3));
    }

    /// Every error names the line and the key, whichever layer of the reader finds it.
    #[test]
    fn errors_name_line_and_key() {
        let cases = [
            (
                "fixture = \"x\"\n",
                "1:1: unknown key `fixture`; did you mean `fixtures`?",
            ),
            (
                "[[case]]\nname = \"a\"\nquery = \"x\"\nexpect_cont = 1\n",
                "4:1: unknown key `case[0].expect_cont`; did you mean `case[0].expect_count`?",
            ),
            (
                "fixtures = \"d\"\n[[case]]\nname = \"a\"\nquery = \"x\"\nexpect_count = \"3\"\n",
                "5:16: key `case[0].expect_count`",
            ),
            (
                "[[case]]\nname = \"a\"\nexpect_count = 1\n",
                "1:1: key `case[0].query`",
            ),
            (
                "[[case]]\nname = \"a\"\nquery = \"x\"\nexpect_json = \"{\"\n",
                "1:1: key `case[0].expect_json`: not JSON",
            ),
            ("target = \"2027\"\n", "1:10: key `target`"),
        ];
        for (text, want) in cases {
            let err = parse(text).err().unwrap_or_default();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
