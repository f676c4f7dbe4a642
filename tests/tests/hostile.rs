//! Hostile input through the whole pipeline: huge, deep, or random text gets diagnostics, never
//! a panic or a stack overflow — also on a 2 MiB thread stack, the default of common runtimes.

use proptest::prelude::*;
use sift::Options;
use sift::schema::harvest;

fn users() -> Options {
    Options::default().with_entity("users")
}

/// Runs `f` on a thread with a 2 MiB stack and returns its result.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic and no stack overflow")
}

fn codes(result: Result<sift::Compiled, sift::Diagnostics>) -> Vec<String> {
    match result {
        Ok(_) => vec!["ok".into()],
        Err(diagnostics) => diagnostics.iter().map(|d| d.code().to_owned()).collect(),
    }
}

#[test]
fn a_million_open_parens_is_one_depth_diagnostic() {
    let codes =
        on_small_stack(|| codes(sift::compile(&"(".repeat(1_000_000), harvest(), &users())));
    assert_eq!(codes, ["sift::syntax::too_deep"]);
}

#[test]
fn deep_not_and_any_chains_are_depth_diagnostics() {
    for text in [
        format!("{}id = 1", "not ".repeat(100_000)),
        format!(
            "{}id = 1{}",
            "roles any (".repeat(50_000),
            ")".repeat(50_000)
        ),
        format!("{}id = 1{}", "(".repeat(33), ")".repeat(33)),
    ] {
        let codes = on_small_stack(move || codes(sift::compile(&text, harvest(), &users())));
        assert_eq!(codes, ["sift::syntax::too_deep"]);
    }
}

#[test]
fn the_depth_ceiling_compiles_on_a_small_stack() {
    let depth = sift::Limits::DEPTH_CEILING - 1;
    let text = format!("{}id = 1{}", "(".repeat(depth), ")".repeat(depth));
    let options = users().with_limits(sift::Limits {
        max_depth: usize::MAX,
        ..sift::Limits::default()
    });
    let codes = on_small_stack(move || codes(sift::compile(&text, harvest(), &options)));
    assert_eq!(codes, ["ok"]);
}

#[test]
fn ten_megabytes_is_rejected_by_the_size_limit() {
    let text = "id > 1 and ".repeat(1_000_000) + "id > 1";
    assert!(text.len() > 10_000_000);
    assert_eq!(
        codes(sift::compile(&text, harvest(), &users())),
        ["sift::syntax::input_too_large"]
    );
}

#[test]
fn a_large_query_within_raised_limits_compiles() {
    let text = "weekly_capacity > 1 and ".repeat(100_000) + "id > 1";
    let options = users().with_limits(sift::Limits {
        max_input_bytes: usize::MAX,
        max_nodes: usize::MAX,
        ..sift::Limits::default()
    });
    let compiled = sift::compile(&text, harvest(), &options).expect("compiles");
    assert_eq!(compiled.outputs[0].json.matches("\"gt\"").count(), 100_001);
}

/// Fragments that make random input look like sift, so the parser gets past the first token.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("from".to_owned()),
        Just("users".to_owned()),
        Just("where".to_owned()),
        Just("and".to_owned()),
        Just("or".to_owned()),
        Just("not".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just(",".to_owned()),
        Just(";".to_owned()),
        Just("=".to_owned()),
        Just("==".to_owned()),
        Just("in".to_owned()),
        Just("is null".to_owned()),
        Just("between".to_owned()),
        Just("any".to_owned()),
        Just("sort".to_owned()),
        Just("limit".to_owned()),
        Just("fields".to_owned()),
        Just("first_name".to_owned()),
        Just("roles".to_owned()),
        Just("client.name".to_owned()),
        Just("`a b`".to_owned()),
        Just("\"s\\\"".to_owned()),
        Just("'x".to_owned()),
        Just("2024-02-30".to_owned()),
        Just("1e999".to_owned()),
        Just("-9223372036854775809".to_owned()),
        Just("# c\n".to_owned()),
        "[a-z_]{1,8}",
        "-?[0-9]{1,20}(\\.[0-9]{1,5})?",
        "\"[^\"]{0,6}\"",
        ".{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary text never panics, and an error is always a diagnostic with a code.
    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        if let Err(diagnostics) = sift::compile(&text, harvest(), &users()) {
            prop_assert!(diagnostics.iter().all(|d| d.code().starts_with("sift::")));
        }
    }

    /// Token soup reaches deep into the parser and checker; still no panic, and every reported
    /// range lies inside the source on character boundaries.
    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(token(), 0..40)) {
        let text = tokens.join(" ");
        for target in sift::Target::ALL {
            let options = users().with_target(target);
            if let Err(diagnostics) = sift::compile(&text, harvest(), &options) {
                for report in diagnostics.to_reports(&text) {
                    prop_assert!(report.range.hi() <= text.len());
                    prop_assert!(text.is_char_boundary(report.range.lo()));
                    prop_assert!(text.is_char_boundary(report.range.hi()));
                }
            }
        }
        let _ = sift::format(&text, &Options::default());
    }
}
