//! Where schemas come from: --spec, SIFT_SPEC_PATH, --connector in an installed
//! airbyte_agent_sdk package (found through the Python on PATH, never imported), the built-in
//! catalog. Uses the fixture specs under tests/fixtures/specs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/specs")
}

fn sift(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sift"));
    cmd.args(args)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .env_remove("PYTHONPATH");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("the sift binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const TWILIO_LIKE: &str = r#"from orders where from = "+1555" and to is not null"#;

#[test]
fn spec_file_is_used_for_compile() {
    let spec = fixtures().join("oddities/connector.yaml");
    let out = sift(
        &[
            "compile",
            "--spec",
            spec.to_str().expect("utf-8 path"),
            TWILIO_LIKE,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).trim(),
        r#"{"query":{"filter":{"and":[{"eq":{"from":"+1555"}},{"neq":{"to":null}}]}}}"#
    );
}

#[test]
fn a_directory_of_specs_needs_a_connector_name() {
    let dir = fixtures();
    let dir = dir.to_str().expect("utf-8 path");
    let out = sift(&["compile", "--spec", dir, TWILIO_LIKE], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("choose one with --connector"),
        "{}",
        stderr(&out)
    );

    let out = sift(
        &[
            "compile",
            "--spec",
            dir,
            "--connector",
            "oddities",
            TWILIO_LIKE,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = sift(
        &[
            "compile",
            "--spec",
            dir,
            "--connector",
            "odities",
            TWILIO_LIKE,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `oddities`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_environment_variable_is_read_and_spec_wins_over_it() {
    let oddities = fixtures().join("oddities/connector.yaml");
    let out = sift(&["schema", "orders"], &[("SIFT_SPEC_PATH", &oddities)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("customer.auto_tagging_enabled"),
        "{}",
        stdout(&out)
    );

    // --spec comes first: the built-in-like `unnamed` fixture has no `orders` entity.
    let other = fixtures().join("unnamed/connector.yaml");
    let out = sift(
        &[
            "schema",
            "--spec",
            other.to_str().expect("utf-8 path"),
            "orders",
        ],
        &[("SIFT_SPEC_PATH", &oddities)],
    );
    assert_ne!(out.status.code(), Some(0));
}

#[test]
fn a_malformed_spec_names_file_yaml_path_and_reason() {
    let bad = fixtures().join("bad-unknown-type/connector.yaml");
    let out = sift(
        &["schema", "--spec", bad.to_str().expect("utf-8 path")],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("sift::schema::unknown_type"), "{err}");
    assert!(err.contains("bad-unknown-type/connector.yaml"), "{err}");
    assert!(
        err.contains("info.x-airbyte-context-store.entities["),
        "{err}"
    );
}

/// A stand-in for an installed SDK: a package whose `__init__` fails if anything imports it,
/// so the test also proves the lookup does not run the package.
fn fake_sdk() -> tempfile::TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let package = root.path().join("airbyte_agent_sdk");
    std::fs::create_dir_all(package.join("specs/oddities")).expect("mkdir");
    std::fs::write(
        package.join("__init__.py"),
        "raise RuntimeError('imported')\n",
    )
    .expect("write");
    std::fs::copy(
        fixtures().join("oddities/connector.yaml"),
        package.join("specs/oddities/connector.yaml"),
    )
    .expect("copy");
    root
}

#[test]
fn connector_is_found_in_the_installed_sdk_without_importing_it() {
    let sdk = fake_sdk();
    let env = [("PYTHONPATH", sdk.path())];
    let out = sift(&["compile", "--connector", "oddities", TWILIO_LIKE], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = sift(&["connectors", "--format", "json"], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let names: Vec<(&str, &str)> = rows["connectors"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|r| Some((r["name"].as_str()?, r["origin"]["kind"].as_str()?)))
        .collect();
    assert_eq!(names, [("builtin", "built-in"), ("oddities", "sdk")]);

    // `builtin` is the built-in catalog; `harvest` names only a spec, and this SDK has none:
    // an error that points to `builtin`.
    let out = sift(&["schema", "--connector", "builtin", "clients"], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = sift(&["schema", "--connector", "harvest", "clients"], &env);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("`--connector builtin`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_any_source_the_builtin_catalog_is_used() {
    // An empty PATH: no Python to ask, whatever this machine has installed.
    let empty = tempfile::tempdir().expect("temp dir");
    let env = [("PATH", empty.path())];
    let out = sift(&["connectors"], &env);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("builtin"));
    let out = sift(
        &[
            "compile",
            "--connector",
            "hubspot",
            "--entity",
            "contacts",
            "id = 1",
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pip install airbyte-agent-sdk"),
        "{}",
        stderr(&out)
    );
}
