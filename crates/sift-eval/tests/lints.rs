//! Every lint against the evaluator. Filters are generated over a small schema (Harvest's
//! `time_entries`), compiled with sift and evaluated with sift-eval over generated records that
//! hold hostile values (offsets, fractions, huge exponents, numbers as strings, other JSON
//! types, missing fields). For each warning:
//! - a fix of a code the code table (`sift::codes()`) calls safe leaves the results unchanged,
//!   records and order (so does removing a redundant condition: its fix is the removal); an
//!   unsafe one still compiles; a code the table says has no fix offers none;
//! - a `contradiction` matches no record;
//! - a `tautology` matches every record whose field holds a value of the type it names;
//! - `negated_nullable` matches a record whose field is null or missing;
//! - `never_null`'s null test decides every record that has the field;
//! - `like_without_wildcard` matches only values as long as its pattern.
//!
//! Each claim is checked on the smallest part of the filter that holds every label of the
//! warning, compiled on its own.

mod common;

use std::ops::Range;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use sift::{CheckError, Diagnostic, Emit, Options, SuggestFix, Target};
use sift_eval::{Flow, JsonKind, JsonRef, Search};

/// A filter as a tree, to know the text of each part.
#[derive(Clone, Debug)]
enum Filter {
    Atom(String),
    Not(Box<Filter>),
    /// `bare`: written without parentheses inside an `or` (`a and b or c`).
    And(Vec<Filter>, bool),
    Or(Vec<Filter>),
}

/// Writes `filter` into `out`, noting the byte range of every part (without the parentheses
/// its parent puts around it).
fn render(filter: &Filter, out: &mut String, parts: &mut Vec<Range<usize>>) {
    let start = out.len();
    let child = |f: &Filter, parens: bool, out: &mut String, parts: &mut Vec<Range<usize>>| {
        if parens {
            out.push('(');
        }
        render(f, out, parts);
        if parens {
            out.push(')');
        }
    };
    match filter {
        Filter::Atom(text) => out.push_str(text),
        Filter::Not(inner) => {
            out.push_str("not ");
            child(inner, !matches!(**inner, Filter::Atom(_)), out, parts);
        }
        Filter::And(items, _) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(" and ");
                }
                child(
                    item,
                    matches!(item, Filter::And(..) | Filter::Or(_)),
                    out,
                    parts,
                );
            }
        }
        Filter::Or(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(" or ");
                }
                let parens = match item {
                    Filter::And(_, bare) => !bare,
                    Filter::Or(_) => true,
                    _ => false,
                };
                child(item, parens, out, parts);
            }
        }
    }
    parts.push(start..out.len());
}

const NUMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "2.5",
    "2.50",
    "5",
    "-1",
    "0.1",
    "1e99999999999999999999",
    "-1e99999999999999999999",
    "1e-99999999999999999999",
];
const DATES: &[&str] = &[
    "2025-01-01T06:00:00Z",
    "2025-01-01T10:00:00+05:00",
    "2025-01-01T00:00:00Z",
    "2025-01-01T00:00:00.5Z",
    "2025-01-01",
];
const TEXTS: &[&str] = &["\"Acme\"", "\"acme\"", "\"A_me\"", "\"B\"", "\"\""];
const PATTERNS: &[&str] = &["\"Acme\"", "\"A_me\"", "\"acme%\"", "\"%me\"", "\"a%e\""];
const ORDER_OPS: &[&str] = &[">", ">=", "<", "<=", "=", "!="];

/// One condition on a field of `time_entries`, chosen by `pick` among a few shapes.
fn atom(field: usize, pick: (usize, usize, usize, usize)) -> String {
    let (op, a, b, c) = pick;
    let num = |i: usize| NUMBERS[i % NUMBERS.len()];
    let date = |i: usize| {
        let d = DATES[i % DATES.len()];
        // Date literals, and the same text quoted as a string.
        if i.is_multiple_of(3) {
            format!("\"{d}\"")
        } else {
            d.to_owned()
        }
    };
    let text = |i: usize| TEXTS[i % TEXTS.len()];
    let list = |item: &dyn Fn(usize) -> String| {
        let items: Vec<String> = (0..1 + c % 3).map(|k| item(a + k * b)).collect();
        format!("[{}]", items.join(", "))
    };
    let order = ORDER_OPS[op % ORDER_OPS.len()];
    match field % 6 {
        0 => match op % 9 {
            0..=5 => format!("hours {order} {}", num(a)),
            6 => format!("hours between {} and {}", num(a), num(b)),
            7 => format!("hours in {}", list(&|i| num(i).to_owned())),
            _ => match c % 3 {
                0 => format!("hours not in {}", list(&|i| num(i).to_owned())),
                1 => String::from("hours is null"),
                _ => String::from("hours is not null"),
            },
        },
        1 => match op % 9 {
            0..=5 => format!("created_at {order} {}", date(a)),
            6 => format!("created_at between {} and {}", date(a), date(b)),
            7 => format!("created_at in {}", list(&date)),
            _ => String::from("created_at is null"),
        },
        2 => match op % 10 {
            0..=5 => format!("notes {order} {}", text(a)),
            6 => format!("notes like {}", PATTERNS[a % PATTERNS.len()]),
            7 => format!("notes in {}", list(&|i| text(i).to_owned())),
            8 => format!("notes not in {}", list(&|i| text(i).to_owned())),
            _ => String::from("notes > 10"),
        },
        3 => match op % 5 {
            0 | 1 => format!("billable = {}", a % 2 == 0),
            2 => format!("billable != {}", a % 2 == 0),
            3 => format!("billable in {}", list(&|i| (i % 2 == 0).to_string())),
            _ => String::from("billable is null"),
        },
        4 => match op % 5 {
            0 => format!("id = {}", a % 4),
            1 => format!("id in {}", list(&|i| (i % 4).to_string())),
            2 => format!("id {order} {}", a % 4),
            3 => String::from("id is null"),
            _ => String::from("id != null"),
        },
        _ => match op % 3 {
            0 => format!("spent_date {order} {}", DATES[a % DATES.len()]),
            1 => format!(
                "spent_date between 2025-01-01 and {}",
                DATES[b % DATES.len()]
            ),
            _ => String::from("spent_date is not null"),
        },
    }
}

fn filter() -> impl Strategy<Value = Filter> {
    // Few fields and values, so that conditions meet on one field often.
    let leaf = (0usize..6, (0usize..64, 0usize..64, 0usize..64, 0usize..64))
        .prop_map(|(field, pick)| Filter::Atom(atom(field, pick)));
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            (prop::collection::vec(inner.clone(), 2..5), any::<bool>())
                .prop_map(|(items, bare)| Filter::And(items, bare)),
            prop::collection::vec(inner.clone(), 2..5).prop_map(Filter::Or),
            inner.prop_map(|f| Filter::Not(Box::new(f))),
        ]
    })
}

/// A record's value: usually of the declared type, else hostile or missing.
fn field_value(typed: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        3 => prop::sample::select(typed).prop_map(Some),
        1 => prop::sample::select(common::hostile_values()).prop_map(Some),
        1 => Just(None),
    ]
}

fn parse_all(texts: &[&str]) -> Vec<Value> {
    texts
        .iter()
        .map(|t| serde_json::from_str(t).expect("JSON"))
        .collect()
}

fn record() -> impl Strategy<Value = Value> {
    let quoted = |texts: &[&str]| texts.iter().map(|t| json!(t)).collect::<Vec<_>>();
    (
        field_value(parse_all(NUMBERS)),
        field_value(quoted(DATES)),
        field_value(parse_all(&[
            "\"Acme\"",
            "\"acme\"",
            "\"A_me\"",
            "\"Acme corp\"",
            "\"b\"",
            "\"\"",
        ])),
        field_value(vec![json!(true), json!(false)]),
        field_value((0..4).map(|n| json!(n)).collect()),
        field_value(quoted(DATES)),
    )
        .prop_map(|(hours, created_at, notes, billable, id, spent_date)| {
            let mut record = Map::new();
            for (key, value) in [
                ("hours", hours),
                ("created_at", created_at),
                ("notes", notes),
                ("billable", billable),
                ("id", id),
                ("spent_date", spent_date),
            ] {
                if let Some(value) = value {
                    record.insert(key.to_owned(), value);
                }
            }
            Value::Object(record)
        })
}

/// The query's results: the `n` tag of each record returned, in order. `None` when the query
/// does not compile (a generated value the field does not take).
fn results(src: &str, target: Target, records: &[Value]) -> Option<(Vec<u64>, Vec<Diagnostic>)> {
    let options = Options::default()
        .with_target(target)
        .with_emit(Emit::Request);
    let compiled = sift::compile(src, sift::harvest(), &options).ok()?;
    let request: Value = serde_json::from_str(&compiled.outputs[0].json).expect("JSON");
    let (_, search) = Search::from_request(&request, target).expect("the evaluator reads it");
    let mut collector = search.collector();
    for record in records {
        if collector.push(record.clone()) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    let ns = page
        .records
        .iter()
        .filter_map(|r| r["n"].as_u64())
        .collect();
    Some((ns, compiled.warnings.into_vec()))
}

/// The tags of `records` that the filter `part` selects on its own.
fn selects(part: &str, target: Target, records: &[Value]) -> Vec<u64> {
    let src = format!("from time_entries where {part}");
    results(&src, target, records)
        .unwrap_or_else(|| panic!("part of a query that compiled does not: {src}"))
        .0
}

/// The smallest part of the filter holding every label of `warning`.
fn part_of<'s>(warning: &Diagnostic, src: &'s str, parts: &[Range<usize>]) -> &'s str {
    let labels: Vec<Range<usize>> = miette::Diagnostic::labels(warning)
        .into_iter()
        .flatten()
        .map(|l| l.offset()..l.offset() + l.len())
        .collect();
    let covering = parts
        .iter()
        .filter(|p| labels.iter().all(|l| p.start <= l.start && l.end <= p.end))
        .min_by_key(|p| p.len())
        .unwrap_or_else(|| panic!("no part of {src} holds the labels {labels:?}"));
    &src[covering.clone()]
}

/// Checks every warning of `src` against the evaluator over `records`.
fn check_claims(
    src: &str,
    parts: &[Range<usize>],
    target: Target,
    records: &[Value],
) -> Result<(), TestCaseError> {
    let Some((found, warnings)) = results(src, target, records) else {
        return Ok(());
    };
    let all: Vec<u64> = (0..records.len() as u64).collect();
    for warning in &warnings {
        let code = warning.code_str();
        // Only the codes the code table calls safe promise the results; an unsafe fix (the
        // date-form fixes write what the user meant, not what the text selects) is held to
        // compiling only.
        let kind = sift::code_info(&code).map(|info| info.fix);
        prop_assert!(
            warning.fix().is_none() || kind != Some(sift::FixKind::None),
            "{}: a fix, where the code table says the code has none",
            code
        );
        let keeps_results = kind == Some(sift::FixKind::Safe);
        if let Some(fix) = warning.fix() {
            let fixed = format!(
                "{}{}{}",
                &src[..fix.span.lo()],
                fix.replacement,
                &src[fix.span.hi()..]
            );
            let after = results(&fixed, target, records);
            prop_assert!(
                after.is_some(),
                "{code}: the fix of {src} gives {fixed}, which does not compile"
            );
            let after = after.map(|(ns, _)| ns).unwrap_or_default();
            if keeps_results {
                prop_assert_eq!(
                    &after,
                    &found,
                    "{}: the fix of {} gives {}",
                    code,
                    src,
                    fixed
                );
            }
        }
        // Only the claims below are about a part of the filter (a sort key's warning is not).
        let part = || part_of(warning, src, parts);
        let field_of =
            |record: &Value, field: &str| record.get(field).filter(|v| !v.is_null()).cloned();
        match warning.original() {
            Diagnostic::Check(
                CheckError::Contradiction { .. } | CheckError::ReversedRange { .. },
            ) => {
                let (part, matched) = (part(), selects(part(), target, records));
                prop_assert!(
                    matched.is_empty(),
                    "contradiction `{}` in {} matches {:?}",
                    part,
                    src,
                    matched
                );
            }
            Diagnostic::Check(CheckError::Tautology { field, kind, .. }) => {
                let (part, matched) = (part(), selects(part(), target, records));
                let typed: Vec<u64> = all
                    .iter()
                    .copied()
                    .filter(|&n| {
                        field_of(&records[n as usize], field).is_some_and(|v| match *kind {
                            "number" => v.kind() == JsonKind::Number,
                            _ => v.kind() == JsonKind::String,
                        })
                    })
                    .collect();
                prop_assert!(
                    typed.iter().all(|n| matched.contains(n)),
                    "tautology `{}` in {} misses some of {:?}: matches {:?}",
                    part,
                    src,
                    typed,
                    matched
                );
            }
            Diagnostic::Check(CheckError::NegatedNullable { field, .. }) => {
                let without: Vec<Value> = records
                    .iter()
                    .flat_map(|r| {
                        let (mut missing, mut null) = (r.clone(), r.clone());
                        if let Some(object) = missing.as_object_mut() {
                            object.remove(field);
                        }
                        null[field.as_str()] = Value::Null;
                        [missing, null]
                    })
                    .collect();
                let (part, matched) = (part(), selects(part(), target, &without));
                prop_assert_eq!(
                    matched.len(),
                    without.len(),
                    "`{}` in {} misses a null `{}`",
                    part,
                    src,
                    field
                );
            }
            Diagnostic::Check(CheckError::NeverNull { field, negated, .. }) => {
                let have: Vec<Value> = records
                    .iter()
                    .filter(|r| field_of(r, field).is_some())
                    .cloned()
                    .collect();
                let (part, matched) = (part(), selects(part(), target, &have));
                let expected = if *negated { have.len() } else { 0 };
                prop_assert_eq!(matched.len(), expected, "`{}` in {}", part, src);
            }
            Diagnostic::Check(CheckError::LikeWithoutWildcard { pattern, field, .. }) => {
                let pattern: String = serde_json::from_str(pattern).expect("a string literal");
                let part = part();
                for n in selects(part, target, records) {
                    let value = field_of(&records[n as usize], field);
                    let length = value
                        .as_ref()
                        .and_then(Value::as_str)
                        .map(|t| t.chars().count());
                    prop_assert_eq!(
                        length,
                        Some(pattern.chars().count()),
                        "`{}` matched {:?}",
                        part,
                        value
                    );
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn tagged(records: Vec<Value>) -> Vec<Value> {
    records
        .into_iter()
        .enumerate()
        .map(|(n, mut r)| {
            r["n"] = json!(n);
            r
        })
        .collect()
}

/// The query text of `filter` with an optional sort; the ranges of its parts in that text.
fn query(filter: &Filter, sort: &[(usize, bool)]) -> (String, Vec<Range<usize>>) {
    const PREFIX: &str = "from time_entries where ";
    let mut text = String::from(PREFIX);
    let mut parts = Vec::new();
    render(filter, &mut text, &mut parts);
    if !sort.is_empty() {
        let keys: Vec<String> = sort
            .iter()
            .map(|(field, descending)| {
                let name = ["hours", "created_at", "notes", "billable", "id"][field % 5];
                format!("{name}{}", if *descending { " desc" } else { "" })
            })
            .collect();
        text.push_str(&format!(" sort {}", keys.join(", ")));
    }
    (text, parts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn every_warning_holds_on_the_evaluator(
        filter in filter(),
        sort in prop::collection::vec((0usize..5, any::<bool>()), 0..3),
        records in prop::collection::vec(record(), 0..12),
        target in prop::sample::select(vec![Target::V2026_03, Target::V2026_10]),
    ) {
        let records = tagged(records);
        let (src, parts) = query(&filter, &sort);
        check_claims(&src, &parts, target, &records)?;
    }
}

/// The queries of the review, and one of each lint: they warn (so the claims above are
/// exercised, not vacuous), and every claim and fix holds on records made to test them.
#[test]
fn reviewed_queries_warn_and_hold() {
    let records = tagged(parse_all(&[
        r#"{"created_at":"2025-01-01T05:30:00Z","notes":"Tested the invoice template","hours":1e99999999999999999999,"billable":true,"id":1}"#,
        r#"{"created_at":"2025-01-01T00:00:00Z","notes":"Acme","hours":-1e99999999999999999999,"billable":false,"id":2}"#,
        r#"{"created_at":"2025-01-01","notes":"acme","hours":"5","billable":null,"id":3}"#,
        r#"{"created_at":"2025-01-01X","notes":"A_me","hours":5,"id":4}"#,
        r#"{"created_at":"2025-01-01T10:00:00+05:00","notes":"tested the invoice template","hours":2.5,"billable":"true"}"#,
        r#"{"hours":null,"notes":5}"#,
    ]));
    for (filter, code) in [
        (
            r#"created_at > "2025-01-01T10:00:00+05:00" and created_at < "2025-01-01T06:00:00Z""#,
            "contradiction",
        ),
        (
            r#"created_at > "2025-01-01T10:00:00+05:00" or created_at <= "2025-01-01T06:00:00Z""#,
            "",
        ),
        (
            "created_at between 2025-01-01T00:00:00Z and 2025-01-01",
            "contradiction",
        ),
        (
            r#"created_at >= "2025-01-01T05:00:00Z" and created_at > "2025-01-01T10:00:00+05:00""#,
            "redundant_condition",
        ),
        (
            r#"notes like "tested the invoice template""#,
            "like_without_wildcard",
        ),
        (r#"notes like "A_me""#, "like_without_wildcard"),
        ("billable = true and billable = false", "contradiction"),
        ("billable != true", "negated_nullable"),
        ("not billable = true", "negated_nullable"),
        ("hours > 2 or hours <= 2", "tautology"),
        (
            "hours > 1e99999999999999999999 or hours <= 1e99999999999999999999",
            "tautology",
        ),
        (
            "hours > 2 and hours > 1e99999999999999999999",
            "redundant_condition",
        ),
        ("id is null or hours > 2", "never_null"),
        ("hours in [5, 5.0]", "duplicate_list_value"),
        ("notes in [\"Acme\"]", "single_value_in"),
        ("billable = true and hours > 1 or id = 2", "mixed_and_or"),
    ] {
        let filter_tree = Filter::Atom(filter.to_owned());
        let (src, mut parts) = query(&filter_tree, &[]);
        // Every sub-expression of a reviewed filter is one of its conditions or the whole.
        let start = src.len() - filter.len();
        for piece in filter.split(" and ").flat_map(|p| p.split(" or ")) {
            if let Some(at) = src[start..].find(piece) {
                parts.push(start + at..start + at + piece.len());
            }
        }
        for target in [Target::V2026_03, Target::V2026_10] {
            let Some((_, warnings)) = results(&src, target, &records) else {
                continue;
            };
            let codes: Vec<String> = warnings.iter().map(Diagnostic::code_str).collect();
            if code.is_empty() {
                assert!(codes.is_empty(), "{src}: {codes:?}");
            } else {
                assert!(
                    codes.contains(&format!("sift::check::{code}")),
                    "{src} on {target}: {codes:?}"
                );
            }
            check_claims(&src, &parts, target, &records).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
