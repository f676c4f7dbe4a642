//! Warnings: like without wildcard, mixed and/or, contradictions.

use super::*;

#[test]
fn like_without_a_wildcard_says_whole_value_and_offers_no_fix() {
    let q = filter(
        "users",
        cond("email", OpKind::Like, || string("ann@acme.com")),
    );
    let checked = run(&q);
    let d = only(&checked, "like_without_wildcard");
    assert_eq!(
        d.to_string(),
        "`like` without a `%` wildcard: \"ann@acme.com\" must match the whole value"
    );
    assert!(
        help(d).contains("`email like \"%ann@acme.com%\"`"),
        "{}",
        help(d)
    );
    // `=` compares with case, `like` (in sift's evaluator) does not: no fix keeps results.
    assert_eq!(fix(d), None);
    assert!(checked.query.is_some());
    assert!(
        run(&filter(
            "users",
            cond("email", OpKind::Like, || string("%@acme.com"))
        ))
        .diagnostics
        .is_empty()
    );
}

#[test]
fn and_inside_or_warns_with_the_parenthesised_form() {
    let q = filter(
        "users",
        or(vec![
            and(vec![
                cond("is_active", OpKind::Eq, || boolean(true)),
                cond("first_name", OpKind::Fuzzy, || string("ann")),
            ]),
            cond("email", OpKind::EndsWith, || string("@acme.com")),
        ]),
    );
    let checked = run(&q);
    let d = only(&checked, "mixed_and_or");
    let and_span = operand_spans(&q)[0];
    assert_eq!(d.span(), and_span);
    assert_eq!(
        fix(d),
        Some((
            and_span,
            String::from("(is_active = true and first_name fuzzy \"ann\")")
        ))
    );
    assert!(help(d).starts_with(
        "make the grouping explicit: `(is_active = true and first_name fuzzy \"ann\") or …`"
    ));
    // Parentheses say it already.
    let q = filter(
        "users",
        or(vec![
            paren(and(vec![
                cond("is_active", OpKind::Eq, || boolean(true)),
                cond("id", OpKind::Eq, || int(1)),
            ])),
            cond("id", OpKind::Eq, || int(2)),
        ]),
    );
    assert!(run(&q).diagnostics.is_empty());
}

fn contradiction_codes(children: Vec<Expr<'static>>) -> Vec<String> {
    codes(&run(&filter("time_entries", and(children))))
}

#[test]
fn contradictory_bounds_on_one_field() {
    let q = filter(
        "time_entries",
        and(vec![
            cond("hours", OpKind::Gt, || int(5)),
            cond("hours", OpKind::Lt, || int(3)),
        ]),
    );
    let checked = run(&q);
    let d = only(&checked, "contradiction");
    assert_eq!(
        d.to_string(),
        "contradiction: no value of `hours` is both > 5 and < 3, so this `and` matches nothing"
    );
    let spans: Vec<Span> = operand_spans(&q);
    assert_eq!(d.span(), spans[1]);
    let labels: Vec<usize> = d
        .labels()
        .map(|l| l.map(|l| l.offset()).collect())
        .unwrap_or_default();
    assert_eq!(labels, [spans[1].lo(), spans[0].lo()]);
    assert!(checked.query.is_some());
}

#[test]
fn contradiction_edge_cases() {
    let c = "sift::check::contradiction";
    // Touching inclusive bounds leave one value.
    assert!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gte, || int(5)),
            cond("hours", OpKind::Lte, || int(5))
        ])
        .is_empty()
    );
    assert_eq!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gt, || int(5)),
            cond("hours", OpKind::Lte, || int(5))
        ]),
        [c]
    );
    // Decimals compare as numbers, exactly.
    assert!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gt, || dec("0.1")),
            cond("hours", OpKind::Lt, || dec("0.10000000000000000001"))
        ])
        .is_empty()
    );
    assert_eq!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gt, || dec("2.5")),
            cond("hours", OpKind::Lt, || int(2))
        ]),
        [c]
    );
    // Equalities, strings and dates.
    assert_eq!(
        contradiction_codes(vec![
            cond("id", OpKind::Eq, || int(1)),
            cond("id", OpKind::Eq, || int(2))
        ]),
        [c]
    );
    assert_eq!(
        contradiction_codes(vec![
            cond("spent_date", OpKind::Gte, || date("2024-02-01")),
            cond("spent_date", OpKind::Lt, || date("2024-01-01"))
        ]),
        [c]
    );
    // Different fields, or an `or`, are fine; the tightest bound is the one compared.
    assert!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gt, || int(5)),
            cond("id", OpKind::Lt, || int(3))
        ])
        .is_empty()
    );
    assert_eq!(
        contradiction_codes(vec![
            cond("hours", OpKind::Gt, || int(1)),
            cond("hours", OpKind::Gt, || int(10)),
            cond("hours", OpKind::Lt, || int(5)),
            cond("hours", OpKind::Lt, || int(4)),
        ]),
        [c],
        "reported once per field"
    );
    let q = filter(
        "time_entries",
        or(vec![
            cond("hours", OpKind::Gt, || int(5)),
            cond("hours", OpKind::Lt, || int(3)),
        ]),
    );
    assert!(run(&q).diagnostics.is_empty());
}

#[test]
fn between_with_low_above_high_is_a_contradiction_without_a_fix() {
    let q = filter(
        "time_entries",
        cond_rhs("hours", OpKind::Between, || Rhs::Range {
            low: Box::new(int(10)),
            high: Box::new(dec("2.5")),
        }),
    );
    let checked = run(&q);
    let d = only(&checked, "contradiction");
    assert_eq!(
        d.to_string(),
        "empty range: `between 10 and 2.5` matches nothing, the low bound is above the high bound"
    );
    // Swapping the bounds would change the results (from none): the help says it, no fix.
    assert_eq!(fix(d), None);
    assert!(
        help(d).contains("`hours between 2.5 and 10`"),
        "{}",
        help(d)
    );
    let q = filter(
        "time_entries",
        and(vec![
            cond_rhs("hours", OpKind::Between, || Rhs::Range {
                low: Box::new(int(1)),
                high: Box::new(int(3)),
            }),
            cond("hours", OpKind::Gt, || int(4)),
        ]),
    );
    only(&run(&q), "contradiction");
}
