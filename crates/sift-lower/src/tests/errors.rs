//! What a target cannot express, and that every error of a query is reported.

use miette::Diagnostic;
use sift_check::Predicate;
use sift_syntax::SuggestFix;
use sift_syntax::ast::OpKind;

use super::*;

#[test]
fn like_patterns_2026_10_cannot_express() {
    for pattern in ["A%c%", "a_c%", "%a_c", "%", "%%", "a%b", "_abc", "%x_%"] {
        assert_eq!(
            filter_codes(cmp("a", OpKind::Like, string(pattern)), Target::V2026_10),
            ["sift::lower::no_like_on_target"],
            "{pattern}"
        );
    }
}

#[test]
fn like_error_names_the_target_and_the_alternatives() {
    let errors = filter(cmp("a", OpKind::Like, string("A_c%")), Target::V2026_10)
        .err()
        .unwrap_or_default();
    let [error] = errors.as_slice() else {
        panic!("expected one error, got {errors:?}");
    };
    let help = error.help().map(|h| h.to_string()).unwrap_or_default();
    assert!(error.to_string().contains("target 2026-10 has no `like`"));
    for needle in ["startswith", "endswith", "contains", "2026-03, 2026-04"] {
        assert!(help.contains(needle), "help lacks {needle}: {help}");
    }
    assert_eq!(error.span(), at(12), "points at the operator");
    assert_eq!(error.fix(), None);
}

#[test]
fn like_without_wildcard_on_2026_10_offers_no_fix() {
    // `=` would compare with case: no replacement keeps the results, so none is offered.
    let errors = filter(cmp("a", OpKind::Like, string("Acme")), Target::V2026_10)
        .err()
        .unwrap_or_default();
    let fixes: Vec<_> = errors.iter().map(SuggestFix::fix).collect();
    assert_eq!(fixes, [None]);
    let help = errors[0].help().map(|h| h.to_string()).unwrap_or_default();
    assert!(help.contains("whole value"), "{help}");
}

#[test]
fn wildcard_characters_in_literal_text_on_older_targets() {
    for target in [Target::V2026_03, Target::V2026_04] {
        for (op, text, character) in [
            (OpKind::Contains, "50%", '%'),
            (OpKind::StartsWith, "a_b", '_'),
            (OpKind::EndsWith, "x_%", '_'),
        ] {
            let errors = filter(cmp("a", op, string(text)), target)
                .err()
                .unwrap_or_default();
            let [
                LowerError::WildcardInLiteral {
                    character: found,
                    span,
                    ..
                },
            ] = errors.as_slice()
            else {
                panic!("expected one wildcard error, got {errors:?}");
            };
            assert_eq!(*found, character);
            assert_eq!(*span, at(90), "points at the value");
            let message = errors[0].to_string();
            assert!(message.contains(&format!("`{character}`")), "{message}");
            let help = errors[0].help().map(|h| h.to_string()).unwrap_or_default();
            assert!(help.contains("2026-10") && help.contains("like"), "{help}");
        }
    }
}

#[test]
fn all_errors_of_a_query_are_collected() {
    let expr = or(vec![
        cmp("a", OpKind::Like, string("a_b")),
        and(vec![
            cmp("b", OpKind::Eq, int(1)),
            not(cmp("c", OpKind::Like, string("x%y"))),
        ]),
        cond(
            "items",
            Predicate::Any(Box::new(cmp("d", OpKind::Like, string("q")))),
        ),
    ]);
    assert_eq!(
        filter_codes(expr.clone(), Target::V2026_10),
        ["sift::lower::no_like_on_target"; 3]
    );
    assert!(filter(expr, Target::V2026_03).is_ok());
}

#[test]
fn hand_built_deep_trees_stop_at_the_ceiling() {
    let mut expr = cmp("a", OpKind::Eq, int(1));
    for _ in 0..Limits::DEPTH_CEILING + 10 {
        expr = not(expr);
    }
    assert_eq!(
        filter_codes(expr.clone(), Target::default()),
        ["sift::lower::too_deep"]
    );
    // Drop the deep tree iteratively so that the test itself cannot overflow.
    let mut current = Some(expr);
    while let Some(e) = current.take() {
        if let TypedKind::Not(inner) = e.kind {
            current = Some(*inner);
        }
    }
}

use sift_syntax::Limits;
