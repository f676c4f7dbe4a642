//! `sift search --data` over a JSON Lines file large enough that records are read in place and
//! matches stream out as the scan goes: the output is the same as for the same records in a
//! `.json` array (read whole by serde_json, one page at the end), lines that are not in
//! serde_json's own compact form included, in every streamed format (JSON Lines, JSON, CSV);
//! the table stops at its bound and says so; a malformed line past the first few thousand
//! still fails the run with its line number. Every child runs bounded in time.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

mod common;
use common::finish;

/// Records, some written the way serde_json would not write them (spaces, escapes, an
/// exponent, a repeated key), so both the in-place and the serde_json readings are taken.
fn lines(count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            let hours = format!("{}.{}", i % 9, (i * 7) % 100);
            match i % 50 {
                7 => format!(r#"{{ "id": {i}, "hours": {hours}, "notes": "spaced" }}"#),
                13 => format!(r#"{{"id":{i},"hours":{hours},"notes":"caf\u00e9 \"q\""}}"#),
                21 => format!(r#"{{"id":{i},"hours":{}e0,"notes":"exponent"}}"#, i % 9),
                33 => format!(r#"{{"id":{i},"hours":1,"hours":{hours},"notes":"repeated"}}"#),
                _ => format!(
                    r#"{{"id":{i},"billable":{},"hours":{hours},"client":{{"id":{},"name":"c{}"}}}}"#,
                    i % 3 == 0,
                    i % 17,
                    i % 17
                ),
            }
        })
        .collect()
}

fn run(dir: &Path, query: &str) -> Output {
    run_as(dir, "jsonl", query)
}

fn run_as(dir: &Path, format: &str, query: &str) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(["search", "--data"])
        .arg(dir)
        .args(["--format", format, query])
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("AIRBYTE_TOKEN")
        .env_remove("AIRBYTE_CLIENT_ID")
        .env_remove("AIRBYTE_CLIENT_SECRET")
        .env_remove("AIRBYTE_CONNECTOR_ID")
        .env_remove("AIRBYTE_ORGANIZATION_ID")
        .env_remove("AIRBYTE_API_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sift runs");
    finish(child, None, Duration::from_secs(120), "sift search")
}

fn data(lines: &[String], jsonl: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (name, text) = if jsonl {
        ("time_entries.jsonl", lines.join("\n") + "\n")
    } else {
        ("time_entries.json", format!("[{}]", lines.join(",\n")))
    };
    std::fs::write(dir.path().join(name), text).expect("written");
    dir
}

#[test]
fn streamed_matches_are_the_page_of_the_same_records_read_whole() {
    let records = lines(20_000);
    let (jsonl, array) = (data(&records, true), data(&records, false));
    for query in [
        "from time_entries where hours > 2 limit 100000",
        "from time_entries where billable = true or client.id = 3 limit 5000",
        "from time_entries where hours > 2 sort hours desc limit 3000",
        "from time_entries limit 100000",
    ] {
        let (streamed, whole) = (run(jsonl.path(), query), run(array.path(), query));
        assert!(
            streamed.status.success(),
            "{query}: {}",
            String::from_utf8_lossy(&streamed.stderr)
        );
        assert!(!streamed.stdout.is_empty(), "{query}");
        assert_eq!(
            String::from_utf8_lossy(&streamed.stdout),
            String::from_utf8_lossy(&whole.stdout),
            "{query}"
        );
        let said = |out: &Output, dir: &Path| {
            String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "DIR")
        };
        assert_eq!(
            said(&streamed, jsonl.path()),
            said(&whole, array.path()),
            "{query}"
        );
    }
}

#[test]
fn json_and_csv_stream_the_same_text_as_the_whole_page() {
    let records = lines(12_000);
    let (jsonl, array) = (data(&records, true), data(&records, false));
    for format in ["json", "csv"] {
        for query in [
            "from time_entries where hours > 2 limit 100000",
            "from time_entries where hours > 2 sort hours desc, id limit 100000",
        ] {
            let (streamed, whole) = (
                run_as(jsonl.path(), format, query),
                run_as(array.path(), format, query),
            );
            assert!(streamed.status.success(), "{format} {query}");
            assert!(streamed.stdout.len() > 100_000, "{format} {query}");
            assert_eq!(streamed.stdout, whole.stdout, "{format} {query}");
        }
    }
    // CSV columns come from the first records; a key first seen later is named on stderr.
    let mut late = lines(2_000);
    late[1_500] = r#"{"id":1500,"hours":3,"late_key":true}"#.to_owned();
    let dir = data(&late, true);
    let out = run_as(dir.path(), "csv", "from time_entries limit 100000");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 record had fields that are not CSV columns (`late_key`)"),
        "{stderr}"
    );
}

#[test]
fn the_table_shows_its_bound_and_says_so() {
    let dir = data(&lines(1_200), true);
    let out = run_as(dir.path(), "table", "from time_entries limit 100000");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "warning: the table shows the first 1000 of 1200 records; --format jsonl or --format \
             csv prints every record"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1200 records on 1 page"), "{stderr}");
}

#[test]
fn a_malformed_line_late_in_the_file_fails_the_search_with_its_line() {
    let mut records = lines(10_000);
    records[8_999] = r#"{"id": 9000, "hours": }"#.to_owned();
    let dir = data(&records, true);
    let out = run(dir.path(), "from time_entries where hours > 2 limit 100000");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("time_entries.jsonl:9000:"), "{stderr}");
}
