//! The four emit forms.

use std::borrow::Cow;

use sift_syntax::ast::{Direction, OpKind};

use super::*;

fn full_query() -> TypedQuery<'static> {
    let mut q = query(Some(and(vec![
        cmp("is_active", OpKind::Eq, value(ValueKind::Bool(true))),
        cmp("name", OpKind::Fuzzy, string("Acme")),
    ])));
    q.sort = vec![
        sort_key("created_at", Direction::Desc),
        sort_key("last_name", Direction::Asc),
    ];
    q.limit = Some(50);
    q.fields = vec![
        vec![Cow::Borrowed("id")],
        vec![Cow::Borrowed("client"), Cow::Borrowed("name")],
        vec![Cow::Borrowed("customer.id")],
    ];
    q
}

const FILTER: &str = r#"{"and":[{"eq":{"is_active":true}},{"fuzzy":{"name":"Acme"}}]}"#;
const SORT: &str = r#"[{"created_at":"desc"},{"last_name":"asc"}]"#;
const FIELDS: &str = r#"[["id"],["client","name"],["customer.id"]]"#;

fn emit(q: &TypedQuery<'static>, target: Target, emit: Emit) -> String {
    match lower_to_string(q, target, emit) {
        Ok(json) => json,
        Err(errors) => panic!("{errors:?}"),
    }
}

#[test]
fn every_form_of_a_full_query() {
    let q = full_query();
    let target = Target::default();
    assert_eq!(emit(&q, target, Emit::Filter), FILTER);
    let wire_query = format!(r#"{{"filter":{FILTER},"sort":{SORT}}}"#);
    assert_eq!(emit(&q, target, Emit::Query), wire_query);
    let params = format!(r#"{{"query":{wire_query},"limit":50,"fields":{FIELDS}}}"#);
    assert_eq!(emit(&q, target, Emit::Params), params);
    assert_eq!(
        emit(&q, target, Emit::Request),
        format!(r#"{{"entity":"users","action":"context_store_search","params":{params}}}"#)
    );
}

#[test]
fn params_is_the_default() {
    assert_eq!(Emit::default(), Emit::Params);
    let q = query(Some(cmp("a", OpKind::Eq, int(1))));
    assert_eq!(
        emit(&q, Target::default(), Emit::default()),
        r#"{"query":{"filter":{"eq":{"a":1}}}}"#
    );
}

#[test]
fn request_action_follows_the_target() {
    let q = query(None);
    let actions = ["search", "context_store_search", "context_store_search"];
    for (target, action) in Target::ALL.into_iter().zip(actions) {
        assert_eq!(
            emit(&q, target, Emit::Request),
            format!(r#"{{"entity":"users","action":"{action}","params":{{"query":{{}}}}}}"#)
        );
    }
}

#[test]
fn absent_parts_are_omitted_never_empty_but_query_is_always_sent() {
    let q = query(None);
    assert_eq!(emit(&q, Target::default(), Emit::Query), "{}");
    // The API requires `query`: `{}` when there is nothing to filter or sort.
    assert_eq!(emit(&q, Target::default(), Emit::Params), r#"{"query":{}}"#);

    let mut sorted = query(None);
    sorted.sort = vec![sort_key("created_at", Direction::Desc)];
    assert_eq!(
        emit(&sorted, Target::default(), Emit::Query),
        r#"{"sort":[{"created_at":"desc"}]}"#
    );
    assert_eq!(
        emit(&sorted, Target::default(), Emit::Params),
        r#"{"query":{"sort":[{"created_at":"desc"}]}}"#
    );

    let mut limited = query(None);
    limited.limit = Some(0);
    assert_eq!(
        emit(&limited, Target::default(), Emit::Params),
        r#"{"query":{},"limit":0}"#
    );
}

#[test]
fn filter_form_without_a_filter_is_an_error() {
    let q = query(None);
    let errors = lower_to_string(&q, Target::default(), Emit::Filter).err();
    assert_eq!(
        errors,
        Some(vec![LowerError::NoFilter {
            span: Span::new(0, 100)
        }])
    );
}

#[test]
fn wire_model_is_returned_by_lower() {
    use crate::wire::{Condition, FieldOp, Output, Scalar};
    let q = query(Some(cmp("a", OpKind::Eq, int(1))));
    let out = crate::lower(&q, Target::default(), Emit::Filter);
    assert_eq!(
        out,
        Ok(Output::Filter(Condition::Field {
            op: FieldOp::Eq,
            key: "a",
            value: Scalar::Integer(1)
        }))
    );
}

#[test]
fn targets_and_emits_parse_and_print() {
    for target in Target::ALL {
        assert_eq!(target.to_string().parse::<Target>(), Ok(target));
    }
    for form in Emit::ALL {
        assert_eq!(form.to_string().parse::<Emit>(), Ok(form));
    }
    assert_eq!("PARAMS".parse::<Emit>(), Ok(Emit::Params));
    assert_eq!(Target::default(), Target::V2026_10);
    let err = "2026-05".parse::<Target>().err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("unknown target `2026-05`; valid targets: 2026-03, 2026-04, 2026-10 (default)")
    );
    assert!("json".parse::<Emit>().is_err());
}

/// `lower_to_string` writes the filter as it lowers it; `lower` builds the model;
/// `lowering_errors` writes nothing. All say the same, errors included, for every operator
/// shape, target and form.
#[test]
fn the_text_is_the_model_written_out() {
    let every_shape = and(vec![
        cmp("a", OpKind::Eq, int(-12)),
        or(vec![
            cmp("b", OpKind::Gte, decimal("1.5")),
            not(cmp("c", OpKind::Like, string("x%"))),
        ]),
        cond("d", Predicate::In(vec![int(1), string("two")])),
        cond("e", Predicate::NotIn(vec![value(ValueKind::Null)])),
        cond(
            "f",
            Predicate::Between {
                low: Box::new(int(1)),
                high: Box::new(int(9)),
            },
        ),
        cond(
            "g",
            Predicate::Any(Box::new(cmp("h", OpKind::Contains, string("q\"\n")))),
        ),
        cmp("i", OpKind::Has, string("tag")),
        cmp("j", OpKind::EndsWith, string("%.com")),
        cond("k", Predicate::IsNotNull),
    ]);
    let mut bare = full_query();
    bare.filter = None;
    for q in [full_query(), query(Some(every_shape)), bare, query(None)] {
        for target in Target::ALL {
            for form in [Emit::Filter, Emit::Query, Emit::Params, Emit::Request] {
                let model = crate::lower(&q, target, form).map(|out| out.to_json());
                // Lowering for its errors alone decides them as the writing does.
                let errors = crate::lowering_errors(&q, target, form);
                assert_eq!(
                    errors,
                    model.as_ref().err().cloned().unwrap_or_default(),
                    "{target} {form:?}"
                );
                assert_eq!(
                    lower_to_string(&q, target, form),
                    model,
                    "{target} {form:?}"
                );
            }
        }
    }
}
