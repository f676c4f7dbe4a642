//! Limits: every one is a diagnostic, never a crash; deep input is rejected at the limit on a
//! 2 MiB thread stack, in a debug build too.

use sift_syntax::{Limits, SyntaxError, format_document, parse};

fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .and_then(|h| {
            h.join()
                .map_err(|_| std::io::Error::other("thread panicked"))
        })
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_million_open_parens_give_one_too_deep_error() {
    let errors = on_small_stack(|| {
        let src = "(".repeat(1_000_000);
        let limits = Limits {
            max_input_bytes: 2_000_000,
            ..Limits::default()
        };
        parse(&src, &limits).errors
    });
    assert_eq!(errors.len(), 1, "{errors:?}");
    let SyntaxError::TooDeep { span, limit, .. } = &errors[0] else {
        panic!("{errors:?}")
    };
    assert_eq!((span.lo(), *limit), (32, 32));
    assert!(errors[0].to_string().contains("32"));
    let help = miette::Diagnostic::help(&errors[0])
        .map(|h| h.to_string())
        .unwrap_or_default();
    assert!(help.contains("max_depth"), "{help}");
}

fn nested(kind: &str, depth: usize) -> String {
    match kind {
        "paren" => format!("{}a = 1{}", "(".repeat(depth), ")".repeat(depth)),
        "not" => format!("{}a = 1", "not ".repeat(depth)),
        _ => format!("{}a = 1{}", "x any (".repeat(depth), ")".repeat(depth)),
    }
}

#[test]
fn the_depth_ceiling_fits_a_two_mib_stack() {
    for kind in ["paren", "not", "any"] {
        let (errors, formatted) = on_small_stack(move || {
            let src = nested(kind, Limits::DEPTH_CEILING);
            let limits = Limits {
                max_depth: usize::MAX,
                ..Limits::default()
            };
            let parsed = parse(&src, &limits);
            (parsed.errors, format_document(&parsed.document) == src)
        });
        assert!(errors.is_empty() && formatted, "{kind}: {errors:?}");
        let too_deep = on_small_stack(move || {
            let src = nested(kind, Limits::DEPTH_CEILING + 1);
            let limits = Limits {
                max_depth: usize::MAX,
                ..Limits::default()
            };
            parse(&src, &limits).errors
        });
        assert!(
            matches!(too_deep.as_slice(), [SyntaxError::TooDeep { .. }]),
            "{kind}: {too_deep:?}"
        );
    }
}

#[test]
fn depth_counts_chains_nots_groups_and_any() {
    let limits = Limits {
        max_depth: 3,
        ..Limits::default()
    };
    // (a and not b) or c: or(1) > paren(2) > and(3) > not(4): too deep at 3.
    assert!(
        parse("(a = 1 and not b = 1) or c = 1", &limits)
            .errors
            .len()
            == 1
    );
    assert!(
        parse("(a = 1 and b = 1) or c = 1", &limits)
            .errors
            .is_empty()
    );
    assert!(
        parse("x any (y any (z any (a = 1)))", &limits)
            .errors
            .is_empty()
    );
    assert!(
        parse("x any (y any (z any (a = 1 and b = 1)))", &limits)
            .errors
            .len()
            == 1
    );
    // A long flat chain is one level.
    let chain = vec!["a = 1"; 1000].join(" and ");
    assert!(parse(&chain, &limits).errors.is_empty());
}

#[test]
fn input_size_list_length_and_node_count_are_limited() {
    let limits = Limits {
        max_input_bytes: 10,
        max_list_len: 3,
        max_nodes: 5,
        ..Limits::default()
    };
    let errors = parse("a = 1 and b = 2", &limits).errors;
    assert!(matches!(
        errors.as_slice(),
        [SyntaxError::InputTooLarge {
            size: 15,
            limit: 10,
            ..
        }]
    ));
    let limits = Limits {
        max_list_len: 3,
        ..Limits::default()
    };
    let errors = parse("a in [1, 2, 3, 4, 5]", &limits).errors;
    assert!(
        matches!(
            errors.as_slice(),
            [SyntaxError::ListTooLong { limit: 3, .. }]
        ),
        "{errors:?}"
    );
    assert_eq!(errors[0].code_str(), "sift::syntax::list_too_long");
    let limits = Limits {
        max_nodes: 5,
        ..Limits::default()
    };
    let errors = parse("a = 1 and b = 2 and c = 3; d = 4", &limits).errors;
    assert!(
        matches!(
            errors.as_slice(),
            [SyntaxError::TooManyNodes { limit: 5, .. }]
        ),
        "{errors:?}"
    );
}

#[test]
fn size_and_node_limits_count_each_query_alone() {
    let limits = Limits {
        max_input_bytes: 40,
        max_nodes: 8,
        ..Limits::default()
    };
    let query = "from users where id = 1 and is_active = true";
    let many = vec!["from users where id = 1"; 1000].join(";\n");
    assert!(many.len() > 40 && parse(&many, &limits).errors.is_empty());
    // One query over the size limit is reported alone; its neighbours still parse.
    let src = format!("id = 1; {query} and id = 2; id = 3");
    let parsed = parse(&src, &limits);
    let [
        SyntaxError::InputTooLarge {
            span,
            size,
            limit: 40,
        },
    ] = parsed.errors.as_slice()
    else {
        panic!("{:?}", parsed.errors)
    };
    assert_eq!(&src[span.lo()..span.hi()], format!("{query} and id = 2"));
    assert_eq!(*size, span.hi() - span.lo());
    assert_eq!(parsed.document.queries.len(), 2);
}

#[test]
fn the_whole_input_has_its_own_limit() {
    let limits = Limits {
        max_file_bytes: 10,
        ..Limits::default()
    };
    let errors = parse("id = 1; id = 2", &limits).errors;
    assert!(
        matches!(
            errors.as_slice(),
            [SyntaxError::FileTooLarge {
                size: 14,
                limit: 10,
                ..
            }]
        ),
        "{errors:?}"
    );
    assert_eq!(errors[0].code_str(), "sift::syntax::file_too_large");
}
