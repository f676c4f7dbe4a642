//! The code table (`sift::codes()`) against the code: every code a source file declares is in
//! the table with the severity the declaration gives, and every code of the table is declared
//! somewhere; every fix the corpus shows belongs to a code the table says has fixes; every
//! JSON fix of the JSON corpus leaves valid JSON.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sift::{FixKind, Options, SuggestFix};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `code(sift::<phase>::<name>)` written in the crates' sources, with whether one of
/// its declarations says `severity(Warning)` and whether one does not.
fn declared_codes() -> BTreeMap<String, (bool, bool)> {
    let mut files = Vec::new();
    for krate in std::fs::read_dir(repo().join("crates"))
        .expect("crates")
        .flatten()
    {
        let src = krate.path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    let mut codes: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("UTF-8 source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("code(sift::") {
            let after = &rest[at + "code(".len()..];
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len());
            let code = &after[..end];
            // The attribute runs to the `)]` that closes `#[diagnostic(…)]`.
            let attribute = &after[..after.find(")]").unwrap_or(after.len())];
            rest = &after[end..];
            // `code(sift::json::$name)` in the macro that declares `JsonError`: the enum's
            // own codes are derived, not written.
            if code.ends_with("::") || after[end..].starts_with('$') {
                continue;
            }
            let warning = attribute.contains("severity(Warning)");
            let entry = codes.entry(code.to_owned()).or_default();
            entry.0 |= warning;
            entry.1 |= !warning;
        }
    }
    codes
}

#[test]
fn every_declared_code_is_in_the_table_and_every_entry_is_declared() {
    let declared = declared_codes();
    assert!(declared.len() > 100, "{}", declared.len());
    for (code, (warning, error)) in &declared {
        let info = sift::code_info(code).unwrap_or_else(|| panic!("{code} is not in the table"));
        assert_eq!(
            (info.can_warn, info.can_error),
            (*warning, *error),
            "{code}: the table's severity differs from its declaration"
        );
    }
    for info in sift::codes() {
        if info.phase() == "json" {
            continue;
        }
        assert!(
            declared.contains_key(&info.code),
            "{} is in the table but declared nowhere",
            info.code
        );
    }
}

fn sift_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a directory").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sift_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "sift") {
            out.push(path);
        }
    }
}

fn kind(code: &str) -> FixKind {
    sift::code_info(code).map_or(FixKind::None, |info| info.fix)
}

/// Every fix of every corpus case (and of the fix fixtures) belongs to a code the table says
/// has fixes.
#[test]
fn every_fix_of_the_corpus_belongs_to_a_code_with_fixes() {
    let mut files = Vec::new();
    sift_files(&repo().join("tests/cases"), &mut files);
    sift_files(&repo().join("tests/fixtures/fixes"), &mut files);
    let mut fixes = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).expect("UTF-8");
        let catalog = common::spec_directive(&source);
        let catalog = catalog.as_ref().unwrap_or_else(|| sift::harvest());
        let mut options = Options::default();
        options.entity = common::entity_directive(&source);
        if let Some(clock) = common::clock_directive(&source) {
            options = options
                .with_now(clock.now)
                .with_time_zone(clock.time_zone)
                .with_week_start(clock.week_start);
        }
        for d in &sift::check(&source, catalog, &options) {
            if d.fix().is_some() {
                fixes += 1;
                let code = d.code_str();
                assert_ne!(
                    kind(&code),
                    FixKind::None,
                    "{}: {code} has a fix, and the table says it has none",
                    file.display()
                );
            }
        }
    }
    assert!(fixes > 40, "{fixes}");
}

/// Each fix of a JSON document, applied alone, leaves valid JSON (the JSON corpus, every
/// target).
#[test]
fn every_json_fix_leaves_valid_json() {
    let dir = repo().join("tests/json");
    let mut fixes = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/json").flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
        if serde_json::from_str::<serde_json::Value>(&text).is_err() {
            continue;
        }
        for target in sift::Target::ALL {
            let options = Options::default().with_entity("users").with_target(target);
            let validation = sift::validate_json_diagnostics(&text, sift::harvest(), &options);
            for d in &validation.diagnostics {
                let Some(fix) = d.fix() else {
                    continue;
                };
                fixes += 1;
                let fixed = format!(
                    "{}{}{}",
                    &text[..fix.span.lo()],
                    fix.replacement,
                    &text[fix.span.hi()..]
                );
                assert!(
                    serde_json::from_str::<serde_json::Value>(&fixed).is_ok(),
                    "{}: the fix of {} gives {fixed}",
                    entry.path().display(),
                    d.code_str()
                );
            }
        }
    }
    assert!(fixes > 0);
}
