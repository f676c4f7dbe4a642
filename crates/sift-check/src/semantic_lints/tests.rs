//! Each semantic lint on its example, and its fix.

use sift_syntax::{Limits, SuggestFix, parse};

use crate::type_query;

/// The codes of the warnings of `src` (against Harvest), with each fix applied to the source.
fn lint(src: &str) -> Vec<(String, Option<String>)> {
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
    let query = &parsed.document.queries[0];
    let checked = type_query(query, sift_schema::harvest(), Some("time_entries"));
    assert!(!checked.has_errors(), "{src}: {:?}", checked.diagnostics);
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let code = d.code_str().trim_start_matches("sift::check::").to_owned();
            let fixed = d.fix().map(|fix| {
                format!(
                    "{}{}{}",
                    &src[..fix.span.lo()],
                    fix.replacement,
                    &src[fix.span.hi()..]
                )
            });
            (code, fixed)
        })
        .collect()
}

fn one(src: &str, code: &str, fixed: Option<&str>) {
    assert_eq!(
        lint(src),
        [(code.to_owned(), fixed.map(str::to_owned))],
        "{src}"
    );
}

#[test]
fn contradictions_with_lists_and_null_tests() {
    one("id in [1, 2] and id = 3", "contradiction", None);
    one("id in [1, 2] and id in [3, 4]", "contradiction", None);
    one("hours is null and hours = 1", "contradiction", None);
    one("notes is null and notes like \"a%\"", "contradiction", None);
    one("hours is null and hours is not null", "contradiction", None);
}

#[test]
fn contradicting_booleans() {
    one(
        "billable = true and billable = false",
        "contradiction",
        None,
    );
    one(
        "billable = false and billable = true",
        "contradiction",
        None,
    );
    assert_eq!(
        lint("billable = true and billable = true")[0].0,
        "redundant_condition"
    );
}

/// `!=` and `not in` hold on a null field, as `not` over a condition that needs a value does;
/// each says so once, unless its chain settles nulls itself or a `not` turns it around.
#[test]
fn negations_on_nullable_fields() {
    one("billable != true", "negated_nullable", None);
    one("notes not in [\"a\", \"b\"]", "negated_nullable", None);
    one("not notes like \"a%\"", "negated_nullable", None);
    for quiet in [
        "id != 1",
        "hours != null",
        "not (hours = null)",
        "not (hours != 1)",
        "not (hours > 2 or notes != \"x\")",
        "billable != true and billable is not null",
        "not hours > 2 and hours > 1",
        "notes not in [\"a\", \"b\"] or notes is null",
    ] {
        assert_eq!(lint(quiet), [], "{quiet}");
    }
}

#[test]
fn redundancy_and_tautology() {
    one(
        "hours > 5 and hours > 3",
        "redundant_condition",
        Some("hours > 5"),
    );
    one(
        "hours > 3 and hours > 5",
        "redundant_condition",
        Some("hours > 5"),
    );
    one(
        "hours = 5 and hours > 3",
        "redundant_condition",
        Some("hours = 5"),
    );
    one("id = 1 or id = 1", "redundant_condition", Some("id = 1"));
    one(
        "hours > 5 or hours > 3",
        "redundant_condition",
        Some("hours > 3"),
    );
    one("hours > 5 or hours <= 5", "tautology", None);
    one("id >= 3 or id < 7", "tautology", None);
}

#[test]
fn single_conditions_and_negations() {
    one("id in [7]", "single_value_in", Some("id = 7"));
    one(
        "id in [1, 2, 1]",
        "duplicate_list_value",
        Some("id in [1, 2]"),
    );
    one("not not id = 1", "negation_rewrite", Some("id = 1"));
    one(
        "not (id in [1, 2])",
        "negation_rewrite",
        Some("id not in [1, 2]"),
    );
    one("not hours > 2", "negated_nullable", None);
}

#[test]
fn sort_on_a_pinned_field() {
    one(
        "from time_entries where billable = true sort billable, hours",
        "sort_on_pinned_field",
        Some("from time_entries where billable = true sort hours"),
    );
}

#[test]
fn no_claim_where_the_order_is_not_the_fields() {
    // A number compared with a string field is compared as text ("10" < "9"): no implication.
    let warnings = lint("notes > 10 and notes > 9");
    assert!(
        warnings.iter().all(|(c, _)| c == "string_comparison"),
        "{warnings:?}"
    );
    // Different fields, a satisfiable list, distinct values: nothing to say.
    assert_eq!(lint("hours > 1 and id in [1, 2] and notes like \"a%\""), []);
}

/// A chain longer than the pairwise limit finds its repeats by hash: each repeat once, each
/// pointing at the first occurrence, nothing else reported.
#[test]
fn repeats_in_a_long_chain() {
    let operands: Vec<String> = (0..10)
        .map(|i| format!("notes = \"n{i}\""))
        .chain(["notes = \"n3\"".to_owned(), "(notes = \"n3\")".to_owned()])
        .collect();
    let src = operands.join(" or ");
    let parsed = parse(&src, &Limits::default());
    let checked = type_query(
        &parsed.document.queries[0],
        sift_schema::harvest(),
        Some("time_entries"),
    );
    let first = src.find("notes = \"n3\"").map(|start| start..start + 12);
    let reported: Vec<(String, Option<std::ops::Range<usize>>)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let other = match d {
                crate::CheckError::RedundantCondition { other, .. } => Some(other.range()),
                _ => None,
            };
            (d.code_str().to_owned(), other)
        })
        .collect();
    let repeat = ("sift::check::redundant_condition".to_owned(), first);
    assert_eq!(reported, [repeat.clone(), repeat], "{src}");
}
