//! The table of every diagnostic code the library reports (`sift::lints::codes()`), as a
//! snapshot: a code that appears, disappears or changes what it can be is a change of the
//! public surface (`--allow`, `--deny`, `sift.toml` name codes), seen in review.

#[test]
fn the_code_table() {
    let table: Vec<String> = sift::lints::codes()
        .iter()
        .map(|info| {
            let can = match (info.can_warn, info.can_error) {
                (true, true) => "warning or error",
                (true, false) => "warning",
                (false, _) => "error",
            };
            format!("{} ({can})", info.code)
        })
        .collect();
    insta::assert_snapshot!(table.join("\n"));
}

/// Every code is found by its full spelling and its name, as `--allow` takes them.
#[test]
fn every_code_can_be_named() {
    for info in sift::lints::codes() {
        let level = if info.can_warn {
            sift::lints::Level::Allow
        } else {
            sift::lints::Level::Deny
        };
        for spelling in [info.code, info.name()] {
            assert!(
                sift::lints::LintLevels::new().with(spelling, level).is_ok(),
                "{spelling}"
            );
        }
    }
}
