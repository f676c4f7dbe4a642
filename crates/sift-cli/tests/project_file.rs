//! `sift.toml` found by walking up from the current directory, with paths in it relative to
//! the file. (The golden tests name their project file with `--config`, since they all run
//! from the repository root.)

use std::path::Path;
use std::process::{Command, Output};

fn sift_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("the sift binary runs")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn the_nearest_project_file_applies_below_it() {
    let project = tempfile::tempdir().expect("a temporary directory");
    let oddities = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/specs/oddities/connector.yaml");
    std::fs::copy(&oddities, project.path().join("orders.yaml")).expect("copy the spec");
    write(
        &project.path().join("sift.toml"),
        "spec = \"orders.yaml\"\nentity = \"orders\"\ndeny = [\"warnings\"]\n",
    );
    let queries = project.path().join("queries/deep");
    write(
        &queries.join("q.sift"),
        "custom_attributes.tier = \"gold\"\n",
    );

    let denied = sift_in(&queries, &["check", "q.sift"]);
    // `check` reports on standard output.
    let report = String::from_utf8_lossy(&denied.stdout);
    assert_eq!(denied.status.code(), Some(1), "{report}");
    assert!(
        report.contains("`sift::check::unchecked_path` is denied"),
        "{report}"
    );

    let allowed = sift_in(&queries, &["check", "--allow", "unchecked_path", "q.sift"]);
    let report = String::from_utf8_lossy(&allowed.stdout);
    assert_eq!(allowed.status.code(), Some(0), "{report}");
    assert!(report.contains("0 error(s), 0 warning(s)"), "{report}");
}

#[test]
fn without_a_project_file_the_defaults_hold() {
    let empty = tempfile::tempdir().expect("a temporary directory");
    // The default target (today's API) and the default lint levels: a warning, exit 0.
    let out = sift_in(
        empty.path(),
        &[
            "compile",
            "--emit",
            "request",
            "--entity",
            "users",
            "first_name in [\"A\"]",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"action\":\"context_store_search\""));
    assert!(String::from_utf8_lossy(&out.stderr).contains("single_value_in"));
}

/// A `sift.toml` found in a parent directory sets defaults, never more: a flag beats any level
/// the file gives the codes it covers (a name under `--deny warnings`, a full code under
/// `--deny` of its name), and `-v` says which file was read.
#[test]
fn flags_beat_a_parent_project_file_and_verbose_names_it() {
    let project = tempfile::tempdir().expect("a temporary directory");
    let queries = project.path().join("deep/queries");
    write(
        &queries.join("q.sift"),
        "from users where id in [1, 2] and id = 3\n",
    );
    for (file, flags) in [
        ("allow = [\"contradiction\"]\n", ["--deny", "warnings"]),
        (
            "allow = [\"sift::check::contradiction\"]\n",
            ["--deny", "contradiction"],
        ),
    ] {
        write(&project.path().join("sift.toml"), file);
        let quiet = sift_in(&queries, &["check", "q.sift"]);
        assert_eq!(quiet.status.code(), Some(0), "{file}");
        let denied = sift_in(&queries, &["check", flags[0], flags[1], "q.sift"]);
        let report = String::from_utf8_lossy(&denied.stdout);
        assert_eq!(denied.status.code(), Some(1), "{file} {flags:?}: {report}");
        assert!(report.contains("contradiction"), "{report}");
    }
    let verbose = sift_in(&queries, &["-v", "check", "q.sift"]);
    let stderr = String::from_utf8_lossy(&verbose.stderr);
    let file = project.path().join("sift.toml");
    assert!(
        stderr.contains(&format!("sift: config: {}", file.display())),
        "{stderr}"
    );
    let json = sift_in(&queries, &["check", "--format", "json", "q.sift"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(
        report["summary"]["in_force"]["config"],
        serde_json::json!(file.display().to_string())
    );
}
