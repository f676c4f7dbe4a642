//! `sift test` through the binary: the project's own `tests/queries` pass; a wrong
//! expectation fails with a diff and exit 1, `--update` rewrites it and the next run passes;
//! JUnit output is read by an XML parser; a FIFO or a huge test file is refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sift(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SIFT_SPEC_PATH")
        .output()
        .expect("sift runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The stored queries of the project find what their files say, over examples/harvest.
#[test]
fn the_project_queries_pass() {
    let run = sift(&["test", "tests/queries"], &repo());
    let stdout = text(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}{}", text(&run.stderr));
    assert!(stdout.contains("test result: ok."), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}

/// A test file whose expectation is wrong: exit 1, the case named, and a diff of the ids.
#[test]
fn a_wrong_expectation_fails_with_a_diff() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let harvest = repo().join("examples/harvest");
    let file = format!(
        "connector = \"builtin\"\nentity = \"users\"\nfixtures = {:?}\n\n[[case]]\n\
         name = \"contractors\"\nquery = \"is_contractor = true\"\n\
         expect_ids = [1004, 1006, 1099]\n",
        harvest.display().to_string()
    );
    std::fs::write(dir.path().join("wrong.sift-test.toml"), file).expect("written");
    let run = sift(&["test"], dir.path());
    let stdout = text(&run.stdout);
    assert_eq!(run.status.code(), Some(1), "{stdout}{}", text(&run.stderr));
    assert!(
        stdout.contains("FAIL ./wrong.sift-test.toml::contractors"),
        "{stdout}"
    );
    assert!(stdout.contains("-1099\n"), "{stdout}");
    assert!(stdout.contains("+1007\n"), "{stdout}");
    assert!(
        stdout.contains("test result: FAILED. 0 passed; 1 failed"),
        "{stdout}"
    );
}

/// A test file in a fresh directory whose fixtures are the project's examples/harvest.
fn stale_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let harvest = repo().join("examples/harvest");
    let text = format!(
        "# contractors of the example data\nconnector = \"builtin\"\nentity = \"users\"\n\
         fixtures = {:?}\n\n[[case]]\nname = \"contractors\"  # by id\n\
         query = \"from users where is_contractor = true sort id\"\nexpect_ids = [1004]  # stale\n\
         expect_count = 1\n",
        harvest.display().to_string()
    );
    let path = dir.path().join("stale.sift-test.toml");
    std::fs::write(&path, text).expect("written");
    (dir, path)
}

#[test]
fn update_rewrites_a_stale_expectation_and_the_next_run_passes() {
    let (dir, path) = stale_file();
    let run = sift(&["test", "--update"], dir.path());
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stderr));
    let stderr = text(&run.stderr);
    assert!(stderr.contains("-expect_ids = [1004]  # stale"), "{stderr}");
    let new = std::fs::read_to_string(&path).expect("read back");
    assert!(
        new.contains("expect_ids = [1004, 1006, 1007, 1010, 1011, 1012]  # stale\n"),
        "{new}"
    );
    assert!(new.contains("expect_count = 6\n"), "{new}");
    assert!(
        new.starts_with("# contractors of the example data\n"),
        "{new}"
    );
    assert!(new.contains("name = \"contractors\"  # by id\n"), "{new}");
    let again = sift(&["test"], dir.path());
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stdout));
}

/// The JUnit report is XML a reader accepts, with one test case per case and a failure for
/// each failed one, counted as the JSON report counts them.
#[test]
fn junit_is_well_formed_and_counts_the_cases() {
    let (dir, _path) = stale_file();
    for (cwd, args) in [
        (repo(), vec!["tests/queries"]),
        (dir.path().to_owned(), vec![]),
    ] {
        let junit = sift(&[&["test", "--format", "junit"][..], &args].concat(), &cwd);
        let json = sift(&[&["test", "--format", "json"][..], &args].concat(), &cwd);
        let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        let xml = text(&junit.stdout);
        let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = document.root_element();
        assert_eq!(root.tag_name().name(), "testsuites");
        let cases: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let json_cases = json["cases"].as_array().expect("cases");
        assert_eq!(cases.len(), json_cases.len(), "{xml}");
        assert_eq!(
            root.attribute("tests"),
            Some(cases.len().to_string().as_str())
        );
        let failed = cases
            .iter()
            .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
            .count();
        assert_eq!(
            Some(failed as u64),
            json["summary"]["failed"].as_u64(),
            "{xml}"
        );
        assert_eq!(
            root.attribute("failures"),
            Some(failed.to_string().as_str())
        );
    }
}

#[test]
fn a_fifo_or_a_huge_file_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let fifo = dir.path().join("pipe.sift-test.toml");
    let status = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let run = sift(&["test", "pipe.sift-test.toml"], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("not a regular file (a FIFO)"));
    assert!(run.stdout.is_empty());
    let huge = dir.path().join("huge.sift-test.toml");
    std::fs::write(&huge, "#".repeat(2 << 20)).expect("written");
    let run = sift(&["test", "huge.sift-test.toml"], dir.path());
    assert_eq!(run.status.code(), Some(2));
    assert!(text(&run.stderr).contains("larger than the file limit"));
    assert!(run.stdout.is_empty());
}
