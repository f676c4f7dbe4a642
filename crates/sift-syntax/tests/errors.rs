//! One test per diagnostic code: the code, the primary span, and the fix where there is one.

use sift_syntax::{Limits, Span, SuggestFix, SyntaxError, parse};

/// The errors of `src` as (code, span text, fixed source).
fn report(src: &str) -> Vec<(String, String, Option<String>)> {
    parse(src, &Limits::default())
        .errors
        .iter()
        .map(|e| {
            let s = e.span();
            let fixed = e.fix().map(|f| {
                let mut out = src.to_owned();
                out.replace_range(f.span.lo()..f.span.hi(), &f.replacement);
                out
            });
            (e.code_str(), src[s.lo()..s.hi()].to_owned(), fixed)
        })
        .collect()
}

fn one(src: &str, code: &str, span_text: &str, fixed: Option<&str>) {
    let errors = report(src);
    assert_eq!(errors.len(), 1, "{src:?}: {errors:#?}");
    let (c, s, f) = &errors[0];
    assert_eq!(c, &format!("sift::syntax::{code}"), "{src:?}");
    assert_eq!(s, span_text, "{src:?}");
    assert_eq!(f.as_deref(), fixed, "{src:?}");
    if let Some(fixed) = fixed {
        // A machine-applicable fix yields a source without that error.
        assert!(report(fixed).iter().all(|(c2, _, _)| c2 != c), "{fixed:?}");
    }
}

#[test]
fn teaching_errors() {
    one("a == 1", "double_equals", "==", Some("a = 1"));
    one("a <> 1", "sql_not_equals", "<>", Some("a != 1"));
    one(
        "a = 1 && b = 2",
        "double_ampersand",
        "&&",
        Some("a = 1 and b = 2"),
    );
    one("a = 1||b = 2", "double_pipe", "||", Some("a = 1 or b = 2"));
    one("!a = 1", "bang_not", "!", Some("not a = 1"));
    one("! (a = 1)", "bang_not", "!", Some("not (a = 1)"));
    one(
        "status:\"open\"",
        "lucene_colon",
        ":",
        Some("status = \"open\""),
    );
    one(
        "from users order by a",
        "order_by",
        "order by",
        Some("from users sort a"),
    );
    one(
        "from users select a, b",
        "select",
        "select",
        Some("from users fields a, b"),
    );
    one("a = 1 and", "trailing_and_or", "and", Some("a = 1"));
    one(
        "from u where a = 1 or sort b",
        "trailing_and_or",
        "or",
        Some("from u where a = 1 sort b"),
    );
    one(
        "a = \"abc  ",
        "unclosed_string",
        "\"abc",
        Some("a = \"abc\"  "),
    );
    one(
        "a = 'x\nand b = 1",
        "unclosed_string",
        "'x",
        Some("a = 'x'\nand b = 1"),
    );
    one(
        "(a = 1 and b = 2",
        "unclosed_paren",
        "(",
        Some("(a = 1 and b = 2)"),
    );
    one("a in [1, 2", "unclosed_list", "[", Some("a in [1, 2]"));
    one(
        "a in (1, 2 and b = 1",
        "unclosed_list",
        "(",
        Some("a in (1, 2) and b = 1"),
    );
    one("`a b\n= 1", "unclosed_backtick", "`a b", Some("`a b`\n= 1"));
    one(
        "flow-actions = 1",
        "needs_backticks",
        "flow-actions",
        Some("`flow-actions` = 1"),
    );
    one("a = open", "unquoted_string", "open", Some("a = \"open\""));
    one("a = 1;;b = 2", "empty_query", ";", Some("a = 1;b = 2"));
    one(
        "from a where x = 1 from b",
        "missing_semicolon",
        "from",
        Some("from a where x = 1; from b"),
    );
    one(
        "a = \"\\q\"",
        "invalid_escape",
        "\\q",
        Some("a = \"\\\\q\""),
    );
    one(
        "a startwith \"x\"",
        "unknown_operator",
        "startwith",
        Some("a startswith \"x\""),
    );
    one(
        "a starts_with \"x\"",
        "unknown_operator",
        "starts_with",
        Some("a startswith \"x\""),
    );
    one("a =< 1", "unknown_operator", "=<", Some("a <= 1"));
}

#[test]
fn unambiguous_errors_are_all_reported_in_one_run() {
    let codes: Vec<String> = report("a == 1 && b <> 2 || !c = 3")
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(
        codes,
        [
            "sift::syntax::double_equals",
            "sift::syntax::double_ampersand",
            "sift::syntax::sql_not_equals",
            "sift::syntax::double_pipe",
            "sift::syntax::bang_not"
        ]
    );
}

#[test]
fn generic_errors() {
    one("a = 1 b = 2", "stray_input", "b", Some("a = 1 and b = 2"));
    one(
        "from users is_active = true",
        "stray_input",
        "is_active",
        Some("from users where is_active = true"),
    );
    one("a = 1)", "stray_input", ")", Some("a = 1"));
    one("a = ", "expected", "", None);
    one("a 5", "expected", "5", None);
    one("from where", "expected", "where", Some("from `where`"));
    one("\"name\" = 1", "expected", "\"name\"", Some("`name` = 1"));
    one("a is 5", "expected", "5", None);
    one("a not like \"x\"", "expected", "like", None);
    one(
        "from users limit 5 sort a",
        "clause_out_of_order",
        "sort",
        None,
    );
    one(
        "from users limit 5 limit 6",
        "duplicate_clause",
        "limit",
        None,
    );
    one("where a = 1", "missing_from", "where", None);
    one("a = 1 sort b", "missing_from", "sort", None);
    one("", "empty_input", "", None);
    one("  # nothing\n", "empty_input", "  # nothing\n", None);
    one("a = 2024-02-30", "bad_date", "2024-02-30", None);
    one("a = 2024-01-31T09:30", "bad_date", "2024-01-31T09:30", None);
    one(
        "a = 2024-01-31T24:00:00Z",
        "bad_date",
        "2024-01-31T24:00:00Z",
        None,
    );
    one("a = 2023-02-29", "bad_date", "2023-02-29", None);
    one(
        "a = 99999999999999999999",
        "integer_out_of_range",
        "99999999999999999999",
        None,
    );
    one(
        "from u limit 99999999999999999999",
        "limit_out_of_range",
        "99999999999999999999",
        None,
    );
    one("a = 07", "bad_number", "07", None);
    one("a > 7d", "bad_number", "7d", None);
    one("a = 1.", "bad_number", "1.", None);
    one("`` = 1", "empty_name", "``", None);
    one("a = \"\\ud800\"", "invalid_escape", "\\ud800", None);
}

#[test]
fn messages_say_expected_and_found() {
    let errors = parse("a = 1 and (b = ", &Limits::default()).errors;
    assert_eq!(
        errors[0].to_string(),
        "expected a value, found end of input"
    );
    let errors = parse("from users limit 5 sort a", &Limits::default()).errors;
    assert_eq!(errors[0].to_string(), "`sort` must come before `limit`");
    let help = miette::Diagnostic::help(&errors[0]).map(|h| h.to_string());
    assert!(help.is_some_and(|h| h.contains("from, where, sort, limit, fields")));
    let errors = parse("a = 2024-02-30", &Limits::default()).errors;
    assert_eq!(
        errors[0].to_string(),
        "expected a valid ISO 8601 date, found `2024-02-30`: February 2024 has 29 days"
    );
}

#[test]
fn recovery_continues_after_semicolons() {
    let parsed = parse("a = ; b = 1; c ==; d = 2", &Limits::default());
    assert_eq!(parsed.errors.len(), 3, "{:#?}", parsed.errors);
    let kept: Vec<_> = parsed.document.queries.iter().map(|q| q.span).collect();
    assert_eq!(kept, [Span::new(6, 11), Span::new(19, 24)]);
}

#[test]
fn every_error_has_code_help_and_span() {
    for src in [
        "a == 1",
        "a = 1 b",
        "((",
        "from",
        "a in [1 2]",
        "a ~",
        "`",
        "x = [1]",
    ] {
        for e in parse(src, &Limits::default()).errors {
            let d: &dyn miette::Diagnostic = &e;
            assert!(d.code().is_some() && d.help().is_some(), "{e:?}");
            assert!(d.labels().is_some_and(|mut l| l.next().is_some()), "{e:?}");
            assert!(matches!(e, SyntaxError::Expected { .. }) || e.span().hi() <= src.len());
        }
    }
}
