//! `sift fmt` on real files: rewritten atomically, idempotent, never touched on error.

use std::path::Path;
use std::process::{Command, Output};

fn sift(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the sift binary runs")
}

const MESSY: &str = "FROM users WHERE is_active=TRUE AND (first_name~'ann' OR id=1) LIMIT 5\n";

#[test]
fn check_reports_then_fmt_rewrites_then_check_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("q.sift");
    std::fs::write(&file, MESSY).expect("write");

    let check = sift(&["fmt", "--check", "q.sift"], dir.path());
    assert_eq!(
        check.status.code(),
        Some(1),
        "unformatted file must fail --check"
    );
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        MESSY,
        "--check changes nothing"
    );

    let fmt = sift(&["fmt", "q.sift"], dir.path());
    assert_eq!(fmt.status.code(), Some(0));
    let formatted = std::fs::read_to_string(&file).expect("read");
    assert_ne!(formatted, MESSY);
    assert!(formatted.starts_with("from users\nwhere "), "{formatted}");

    let again = sift(&["fmt", "--check", "q.sift"], dir.path());
    assert_eq!(again.status.code(), Some(0), "formatting is idempotent");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn a_file_with_syntax_errors_is_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.sift");
    let text = "from users where id == 1 and (\n";
    std::fs::write(&file, text).expect("write");
    let out = sift(&["fmt", "bad.sift"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sift::syntax::"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn permissions_survive_and_symlinks_stay_links() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let real = dir.path().join("real.sift");
    std::fs::write(&real, MESSY).expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let link = dir.path().join("link.sift");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");

    let out = sift(&["fmt", "link.sift"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    let mode = std::fs::metadata(&real).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_ne!(std::fs::read_to_string(&real).expect("read"), MESSY);
}
