//! Linearity of every front end on the error path, by output size: the same kind of input at
//! sizes n and 8n must give about 8 times the output, drawn (every diagnostic, no cap) and as
//! JSON. Each diagnostic's drawing depends only on its own labels, so a renderer that scanned
//! the source per diagnostic, or drew whole lines between far-apart labels, would grow faster.

use std::process::Command;

/// stdout and stderr byte counts of `sift ARGS FILE` where FILE holds `text`.
fn sizes(args: &[&str], name: &str, text: &str) -> (usize, usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(name);
    std::fs::write(&file, text).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(["--max-diagnostics", "1000000"])
        .args(args)
        .arg(&file)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("the sift binary runs");
    assert!(matches!(output.status.code(), Some(0..=2)), "{output:?}");
    (output.stdout.len(), output.stderr.len())
}

/// Asserts that output grows about eightfold from size `n` to `8n`.
fn assert_linear(what: &str, small: usize, large: usize) {
    assert!(small > 0, "{what}: no output at n");
    let ratio = large as f64 / small as f64;
    assert!(
        (6.0..=10.0).contains(&ratio),
        "{what}: ratio {ratio:.1} from n to 8n"
    );
}

fn scales(args: &[&str], name: &str, make: impl Fn(usize) -> String) {
    let n = 300;
    // `check` and `validate` draw their report on stdout, `compile` on stderr: both count.
    let total = |(out, err): (usize, usize)| out + err;
    let drawn_small = total(sizes(args, name, &make(n)));
    let drawn_large = total(sizes(args, name, &make(8 * n)));
    assert_linear(&format!("{args:?} drawn"), drawn_small, drawn_large);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (json_small, _) = sizes(&json_args, name, &make(n));
    let (json_large, _) = sizes(&json_args, name, &make(8 * n));
    assert_linear(&format!("{args:?} json"), json_small, json_large);
}

/// One long line of unknown fields: errors.
fn unknown_fields(n: usize) -> String {
    let conditions: Vec<String> = (0..n).map(|i| format!("unknown{i} = 1")).collect();
    format!("from users where {}\n", conditions.join(" and "))
}

#[test]
fn text_errors_on_one_line() {
    scales(&["check"], "q.sift", unknown_fields);
}

#[test]
fn text_errors_far_apart() {
    // Each duplicate `limit` labels the first one too: labels ever further apart.
    scales(&["check"], "q.sift", |n| {
        format!("from users {}\n", vec!["limit 1"; n].join(" "))
    });
}

#[test]
fn text_warnings() {
    scales(&["check"], "q.sift", |n| {
        format!("from users sort {}\n", vec!["id"; n].join(", "))
    });
}

#[test]
fn json_errors() {
    scales(&["validate", "--entity", "users"], "q.json", |n| {
        let conditions: Vec<String> = (0..n)
            .map(|i| format!("{{\"eq\":{{\"id\":\"x{i}\"}}}}"))
            .collect();
        format!("{{\"and\":[{}]}}", conditions.join(","))
    });
}

#[test]
fn json_warnings() {
    scales(&["validate", "--entity", "users"], "q.json", |n| {
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
    // The spec reader stops at 100 problems: stay below.
    let n = 12;
    let (_, small) = sizes(&["schema", "--spec"], "connector.yaml", &spec(n));
    let (_, large) = sizes(&["schema", "--spec"], "connector.yaml", &spec(8 * n));
    assert_linear("spec errors drawn", small, large);
}
