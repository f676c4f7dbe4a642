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
