//! The CLI renderer on hostile input, through the real binary: long lines of multi-byte text,
//! labels far apart, floods of diagnostics, control and bidi characters. Whatever the input,
//! the exit code is 0, 1 or 2 (never a panic's 101), no control or bidi character reaches the
//! terminal raw, and stderr grows at most linearly with the input.

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

fn sift(args: &[&str], file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .arg(file)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("the sift binary runs")
}

/// Pieces hostile text is made of: query fragments that give diagnostics, line breaks of every
/// kind, wide characters, terminal escapes and bidi controls.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("from users ".to_owned()),
        Just("limit 1 ".to_owned()),
        Just("id = 1 and id = 2 ".to_owned()),
        Just("first_name = \"".to_owned()),
        Just("unknown_field = 1 and ".to_owned()),
        Just("`".to_owned()),
        Just("; ".to_owned()),
        Just("# note ".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\u{1b}]0;PWNED\u{7}".to_owned()),
        Just("\u{9b}\u{7f}\u{202e}".to_owned()),
        (1usize..400).prop_map(|n| "漢".repeat(n)),
        (1usize..3000).prop_map(|n| " ".repeat(n)),
        (1usize..200).prop_map(|n| "é𝄞".repeat(n)),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..40).prop_map(|pieces| pieces.concat())
}

fn assert_sound(output: &Output, input_len: usize) {
    let code = output.status.code();
    assert!(matches!(code, Some(0..=2)), "exit {code:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{7f}', '\u{202e}', '\r'] {
        assert!(!stderr.contains(raw), "raw {raw:?} on stderr");
    }
    // A capped number of diagnostics, each a few windows of the input: linear, with room.
    let bound = 100 * 4000 + 4 * input_len;
    assert!(
        output.stderr.len() <= bound,
        "{} bytes of stderr",
        output.stderr.len()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn sources_render_soundly(text in hostile()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("q.sift");
        std::fs::write(&file, &text).expect("write");
        assert_sound(&sift(&["check", "--entity", "users"], &file), text.len());
    }

    #[test]
    fn json_renders_soundly(key in hostile(), value in hostile()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("q.json");
        let document = serde_json::json!({"and": [{"eq": {key.clone(): value.clone()}}, {"eq": {"id": value}}]});
        let text = document.to_string();
        std::fs::write(&file, &text).expect("write");
        assert_sound(&sift(&["validate", "--entity", "users"], &file), text.len());
    }
}

/// A spec whose entity `things` has a field named with a terminal escape, a bell, a bidi
/// override and a line break: names a JSON key can hold.
const HOSTILE_SPEC: &str = r#"openapi: 3.1.0
info:
  title: Hostile
  version: 1.0.0
  x-airbyte-connector-name: hostile
  x-airbyte-context-store:
    entities:
      - entity: things
        fields:
          - name: "bell\a\e]0;PWNED\a\u202e\nnext"
            type: integer
"#;

const HOSTILE_KEY: &str = "bell\u{7}\u{1b}]0;PWNED\u{7}\u{202e}\nnext";

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("the sift binary runs")
}

/// Decompiling a key with control characters prints a quoted name with escapes (no raw
/// control on stdout), and compiling that text gives the key back exactly.
#[test]
fn decompiled_names_escape_controls_and_compile_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("connector.yaml"), HOSTILE_SPEC).expect("write spec");
    let filter = serde_json::json!({"eq": {HOSTILE_KEY: 1}}).to_string();
    std::fs::write(dir.path().join("f.json"), &filter).expect("write json");
    let out = run_in(
        dir.path(),
        &[
            "decompile",
            "--spec",
            "connector.yaml",
            "--entity",
            "things",
            "f.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let sift = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(
        sift.trim_end(),
        r"`bell\u0007\u001b]0;PWNED\u0007\u202e\nnext` = 1"
    );
    std::fs::write(dir.path().join("q.sift"), &sift).expect("write sift");
    let back = run_in(
        dir.path(),
        &[
            "compile",
            "--spec",
            "connector.yaml",
            "--entity",
            "things",
            "--emit",
            "filter",
            "-f",
            "q.sift",
        ],
    );
    assert_eq!(back.status.code(), Some(0), "{back:?}");
    assert_eq!(String::from_utf8_lossy(&back.stdout).trim_end(), filter);
}

/// Several documents decompile to one `.sift` text with a `# NAME` line before each: a file
/// name holding a line break or an escape stays inside its comment line.
#[test]
fn decompiled_source_lines_escape_file_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    let name = "a\nid = 2 or \u{1b}[31mx.json";
    std::fs::write(docs.join(name), r#"{"eq":{"id":1}}"#).expect("write");
    std::fs::write(docs.join("b.json"), r#"{"eq":{"id":3}}"#).expect("write");
    let out = run_in(dir.path(), &["decompile", "--entity", "users", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}'), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("# ") && lines[2].starts_with("# "),
        "{text}"
    );
    assert!(
        lines[0].contains(r"a\u{a}id = 2 or \u{1b}[31mx.json"),
        "{text}"
    );
}

/// `sift connectors` names connectors by their directories: a name holding a terminal escape
/// or a line break is shown escaped, and the table keeps one row per connector.
#[test]
fn connector_table_escapes_names() {
    let dir = tempfile::tempdir().expect("temp dir");
    let connector = dir.path().join("ev\u{1b}[31mil\nrow");
    std::fs::create_dir(&connector).expect("mkdir");
    let spec = HOSTILE_SPEC.replace(r#""bell\a\e]0;PWNED\a\u202e\nnext""#, "id");
    std::fs::write(connector.join("connector.yaml"), spec).expect("write spec");
    let out = run_in(dir.path(), &["connectors", "--spec", "."]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\u{1b}'), "{text}");
    let row = text
        .lines()
        .nth(2)
        .expect("a row after the built-in catalog's");
    assert!(row.starts_with(r"ev\u{1b}[31mil\u{a}row  "), "{text}");
}
