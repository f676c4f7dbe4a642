//! Relative times on fields whose format the schema does not declare, and the record of what
//! each relative time resolved to.

use sift_syntax::{Limits, parse};

use super::*;
use crate::{Clock, type_query_at};

fn check_at<'s>(src: &'s str, catalog: &Catalog) -> Checked<'s> {
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
    // The typed query borrows the tree it was checked from: keep it for the test's run.
    let query: &'s Query<'s> = Box::leak(Box::new(
        parsed
            .document
            .queries
            .into_iter()
            .next()
            .expect("one query"),
    ));
    let now = "2026-11-28T12:00:00Z".parse().expect("an instant");
    let checked = type_query_at(query, catalog, None, &Clock::utc(now));
    assert_well_formed(&checked);
    checked
}

#[test]
fn a_string_field_without_a_format_gets_a_date_time_and_a_warning() {
    let src = "from orders where customer.name >= today() - 1d";
    let checked = check_at(src, &shop());
    let codes: Vec<String> = checked
        .diagnostics
        .iter()
        .map(CheckError::code_str)
        .collect();
    assert_eq!(codes, ["sift::check::time_format_assumed"]);
    let resolved: Vec<(&str, &str)> = checked
        .resolved_times
        .iter()
        .map(|r| (r.written.as_str(), r.resolved.as_str()))
        .collect();
    assert_eq!(resolved, [("today() - 1d", "2026-11-27T00:00:00Z")]);
    let span = checked.resolved_times[0].span;
    assert_eq!(&src[span.lo()..span.hi()], "today() - 1d");
}

#[test]
fn harvest_date_fields_resolve_quietly_to_their_form() {
    let src = "from invoices where due_date < today() and created_at >= start_of_year()";
    let checked = check_at(src, harvest());
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let resolved: Vec<&str> = checked
        .resolved_times
        .iter()
        .map(|r| r.resolved.as_str())
        .collect();
    assert_eq!(resolved, ["2026-11-28", "2026-01-01T00:00:00Z"]);
}

/// The typed tree has no relative times: each one is the date it resolved to, in every shape
/// of right-hand side (one value, a list, a range) and as a text operand.
#[test]
fn the_typed_tree_holds_what_each_relative_time_resolved_to() {
    use crate::{Predicate, Scalar, TypedValue};
    let src = "from time_entries where spent_date between today() - 7d and today() \
               and spent_date in [today(), start_of_month()] and spent_date != today() - 1d \
               and notes contains today()";
    let checked = check_at(src, harvest());
    let query = checked.query.as_ref().expect("checks");
    let TypedKind::And(conditions) = &query.filter.as_ref().expect("a filter").kind else {
        panic!("an and chain");
    };
    let date = |v: &TypedValue<'_>| match &v.scalar {
        Scalar::Date(d) => d.to_string(),
        other => format!("not a date: {other:?}"),
    };
    let mut sent = Vec::new();
    for condition in conditions {
        let TypedKind::Condition(condition) = &condition.kind else {
            panic!("a condition");
        };
        match &condition.predicate {
            Predicate::Between { low, high } => sent.extend([date(low), date(high)]),
            Predicate::In(values) => sent.extend(values.iter().map(date)),
            Predicate::Compare(_, v) => sent.push(date(v)),
            Predicate::Text(_, text) => sent.push(text.text.to_string()),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        sent,
        [
            "2026-11-21",
            "2026-11-28",
            "2026-11-28",
            "2026-11-01",
            "2026-11-27",
            "2026-11-28T00:00:00Z"
        ]
    );
}
