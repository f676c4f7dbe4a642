//! The two directions agree: JSON → sift → JSON reproduces the JSON byte for byte (after
//! canonical serialisation), and the sift that decompiling gives is canonical: formatted, and
//! given back unchanged by another JSON → sift. Over the corpus, over generated sift trees and
//! over generated JSON documents, for every target and form. Which normalisations decompiling
//! makes is stated once, as examples (`documented_normalisations`), not re-implemented here.

use std::borrow::Cow;

mod common;

use proptest::prelude::*;
use serde_json::Value as Json;
use sift::schema::harvest;
use sift::{Catalog, Emit, JsonForm, Options, Target};
use sift_syntax::ast::{
    Condition, List, Name, Op, OpKind, Owned, Path, Query, Rhs, Tree, Value, ValueKind,
};
use sift_syntax::{Limits, Span, format_query, parse};

/// Compact JSON with the members of every object sorted by key: the canonical serialisation
/// both sides are compared in (numbers keep their text).
fn canonical(text: &str) -> String {
    fn sort(value: Json) -> Json {
        match value {
            Json::Object(map) => {
                let mut entries: Vec<(String, Json)> = map.into_iter().collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Json::Object(entries.into_iter().map(|(k, v)| (k, sort(v))).collect())
            }
            Json::Array(items) => Json::Array(items.into_iter().map(sort).collect()),
            other => other,
        }
    }
    let value: Json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    serde_json::to_string(&sort(value)).unwrap_or_default()
}

fn options(target: Target, emit: Emit, entity: &str) -> Options {
    Options::default()
        .with_target(target)
        .with_emit(emit)
        .with_entity(entity)
        .with_form(JsonForm::ALL.into_iter().find(|form| form.emit() == emit))
}

/// `json` (valid for `target` in form `emit`) validates clean, decompiles, and recompiles to
/// itself; the decompiled text is canonical (formatted, and decompiled again from its own
/// JSON it comes back unchanged). Returns the decompiled text.
fn assert_round_trip(json: &str, target: Target, emit: Emit, entity: &str) -> String {
    assert_round_trip_in(harvest(), json, target, emit, entity)
}

/// [`assert_round_trip`] against `catalog`.
fn assert_round_trip_in(
    catalog: &Catalog,
    json: &str,
    target: Target,
    emit: Emit,
    entity: &str,
) -> String {
    let options = options(target, emit, entity);
    let validation = sift::validate_json(json, catalog, &options);
    assert!(
        validation.is_valid(),
        "{target} {emit}: {json} does not validate: {:?}",
        validation.diagnostics.to_reports(json)
    );
    let back = sift::decompile(json, catalog, &options).unwrap_or_else(|d| {
        panic!(
            "{target} {emit}: {json} does not decompile: {:?}",
            d.codes()
        )
    });
    let again = sift::compile(&back, catalog, &options).unwrap_or_else(|d| {
        panic!(
            "{target} {emit}: {back:?} does not compile: {:?}",
            d.codes()
        )
    });
    let [output] = again.texts()[..] else {
        panic!("{target} {emit}: {back:?} compiled to {:?}", again.texts());
    };
    assert_eq!(
        canonical(output),
        canonical(json),
        "{target} {emit}: {json} -> {back:?} -> {output}"
    );
    assert_eq!(
        sift::format(&back, &options).ok(),
        Some(format!("{back}\n")),
        "{target} {emit}: decompiled text is not formatted"
    );
    let again_back = sift::decompile(output, catalog, &options).ok();
    assert_eq!(
        again_back.as_deref(),
        Some(back.as_str()),
        "{target} {emit}: decompiling is not stable for {json}"
    );
    back
}

fn corpus_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            corpus_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "sift") {
            out.push(path);
        }
    }
}

/// Every query of the corpus that compiles, for every target and form: its JSON validates
/// clean and survives JSON → sift → JSON (against the spec fixture a case's `# spec:` line
/// names, else the Harvest catalog).
#[test]
fn corpus_compile_outputs_validate_and_round_trip() {
    let mut files = Vec::new();
    corpus_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases"),
        &mut files,
    );
    files.sort();
    assert!(!files.is_empty(), "no corpus found");
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        let parsed = parse(&source, &Limits::default());
        let directive = common::entity_directive(&source);
        let spec = common::spec_directive(&source);
        let catalog = spec.as_ref().unwrap_or_else(|| harvest());
        for query in &parsed.document.queries {
            let text = format_query(query);
            let entity = query
                .from
                .as_ref()
                .map(|f| f.text.to_string())
                .or_else(|| directive.clone())
                .unwrap_or_else(|| "users".to_owned());
            for target in Target::ALL {
                for emit in Emit::ALL {
                    let Ok(compiled) =
                        sift::compile(&text, catalog, &options(target, emit, &entity))
                    else {
                        continue;
                    };
                    for json in compiled.texts() {
                        assert_round_trip_in(catalog, json, target, emit, &entity);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} outputs checked");
}

// ----- generated sift trees -----------------------------------------------------------------

fn name(text: &str) -> Name<'static> {
    Name {
        span: Span::default(),
        text: Cow::Owned(text.to_owned()),
        quoted: false,
    }
}

fn path(text: &str) -> Path<'static> {
    Path {
        span: Span::default(),
        segments: text.split('.').map(name).collect(),
    }
}

fn value<'a>(kind: ValueKind<'a>) -> Value<'a> {
    Value {
        span: Span::default(),
        kind,
    }
}

/// A generated filter, added to a query's tree once generated.
type Gen = Owned<'static>;

fn cond(field: &str, op: OpKind, rhs: Rhs<'static>) -> Gen {
    cond_over(field, op, rhs, None)
}

/// A condition whose right-hand side, for `any`, is the expression `inner`.
fn cond_over(field: &str, op: OpKind, rhs: Rhs<'static>, inner: Option<Gen>) -> Gen {
    let condition = Condition {
        span: Span::default(),
        field: path(field),
        op: Op {
            span: Span::default(),
            kind: op,
        },
        rhs,
    };
    Owned::condition(condition, inner)
}

/// Strings that break naive escaping: quotes, backslashes, wildcards, unicode, keywords.
fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Acme".to_owned()),
        Just("say \"hi\"".to_owned()),
        Just("back\\slash".to_owned()),
        Just("50% off_now".to_owned()),
        Just("ünïcødé 𝄞 ✓".to_owned()),
        Just("and".to_owned()),
        Just("from where limit".to_owned()),
        Just("tab\tnew\nline".to_owned()),
        Just("".to_owned()),
        "[a-zA-Z0-9 _%'\"\\\\é]{0,12}",
    ]
}

fn string_value() -> impl Strategy<Value = Value<'static>> {
    tricky_string().prop_map(|s| value(ValueKind::String(Cow::Owned(s))))
}

fn integer_value() -> impl Strategy<Value = Value<'static>> {
    prop_oneof![
        Just(0i64),
        Just(-7),
        Just(i64::MAX),
        Just(i64::MIN),
        any::<i64>()
    ]
    .prop_map(|n| value(ValueKind::Integer(n)))
}

fn number_value() -> impl Strategy<Value = Value<'static>> {
    prop_oneof![
        integer_value(),
        prop_oneof![
            Just("1.50"),
            Just("-0.1"),
            Just("2e10"),
            Just("1E-7"),
            Just("0.30000000000000004")
        ]
        .prop_map(|d| value(ValueKind::Decimal(Cow::Borrowed(d)))),
    ]
}

fn list(items: Vec<Value<'static>>) -> Rhs<'static> {
    Rhs::List(List {
        span: Span::default(),
        items,
    })
}

/// A condition on a `users` field that type-checks.
fn condition() -> impl Strategy<Value = Gen> {
    let string_field = prop_oneof![
        Just("first_name"),
        Just("last_name"),
        Just("email"),
        Just("timezone")
    ];
    let text_ops = prop_oneof![
        Just(OpKind::Eq),
        Just(OpKind::Neq),
        Just(OpKind::Lt),
        Just(OpKind::Gte),
        Just(OpKind::Like),
        Just(OpKind::Fuzzy),
        Just(OpKind::Keyword),
        Just(OpKind::Contains),
        Just(OpKind::StartsWith),
        Just(OpKind::EndsWith),
    ];
    prop_oneof![
        (string_field.clone(), text_ops, string_value()).prop_map(|(f, op, v)| cond(
            f,
            op,
            Rhs::Value(v)
        )),
        (
            string_field.clone(),
            prop::collection::vec(string_value(), 1..4),
            any::<bool>()
        )
            .prop_map(|(f, items, negated)| cond(
                f,
                if negated { OpKind::NotIn } else { OpKind::In },
                list(items)
            )),
        (string_field, string_value(), string_value()).prop_map(|(f, low, high)| cond(
            f,
            OpKind::Between,
            Rhs::Range {
                low: Box::new(low),
                high: Box::new(high)
            }
        )),
        (
            prop_oneof![Just(OpKind::Eq), Just(OpKind::Gt), Just(OpKind::Lte)],
            integer_value()
        )
            .prop_map(|(op, v)| cond("weekly_capacity", op, Rhs::Value(v))),
        (integer_value(), integer_value()).prop_map(|(low, high)| cond(
            "id",
            OpKind::Between,
            Rhs::Range {
                low: Box::new(low),
                high: Box::new(high)
            }
        )),
        (
            prop_oneof![Just(OpKind::Neq), Just(OpKind::Lt)],
            number_value()
        )
            .prop_map(|(op, v)| cond("cost_rate", op, Rhs::Value(v))),
        any::<bool>().prop_map(|b| cond(
            "is_active",
            OpKind::Eq,
            Rhs::Value(value(ValueKind::Bool(b)))
        )),
        (
            prop_oneof![Just("email"), Just("roles"), Just("cost_rate")],
            any::<bool>()
        )
            .prop_map(|(f, is)| cond(
                f,
                if is {
                    OpKind::IsNull
                } else {
                    OpKind::IsNotNull
                },
                Rhs::Nothing
            )),
        Just(cond(
            "created_at",
            OpKind::Gte,
            Rhs::Value(value(ValueKind::Date(Cow::Borrowed("2024-01-31"))))
        )),
        string_value().prop_map(|v| cond("roles", OpKind::Has, Rhs::Value(v))),
        string_value().prop_map(|v| cond_over(
            "roles",
            OpKind::Any,
            Rhs::Nothing,
            Some(cond("name", OpKind::Eq, Rhs::Value(v)))
        )),
    ]
}

fn filter() -> impl Strategy<Value = Gen> {
    condition().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Owned::And(Span::default(), v)),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|v| Owned::Or(Span::default(), v)),
            inner
                .clone()
                .prop_map(|e| Owned::Not(Span::default(), Box::new(e))),
            inner.prop_map(|e| Owned::Paren(Span::default(), Box::new(e))),
        ]
    })
}

fn query_of(filter: Gen) -> Query<'static> {
    let mut tree = Tree::default();
    let filter = tree.add(filter);
    Query {
        span: Span::default(),
        from: Some(name("users")),
        semantic: None,
        filter: Some(filter),
        sort: None,
        limit: None,
        fields: None,
        tree,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// sift → JSON → sift → JSON: the JSON is reproduced exactly and the sift is canonical;
    /// the canonical sift of a tree compiles to the tree's JSON. A tree a target cannot
    /// express is refused for what the target lacks, nothing else.
    #[test]
    fn sift_trees_survive_both_ways(filter in filter(), limit in prop::option::of(1u64..500)) {
        let mut query = query_of(filter);
        query.limit = limit.map(|value| sift_syntax::ast::Limit { span: Span::default(), value });
        let text = format_query(&query);
        for target in Target::ALL {
            for emit in Emit::ALL {
                let options = options(target, emit, "users");
                let compiled = match sift::compile(&text, harvest(), &options) {
                    Ok(compiled) => compiled,
                    Err(diagnostics) => {
                        // `like "a%b"` on 2026-10, a literal `%` in `contains` on 2026-03.
                        for code in diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code()) {
                            prop_assert!(
                                code == "sift::lower::no_like_on_target"
                                    || code == "sift::lower::wildcard_in_literal",
                                "{} {}: {} refused with {}", target, emit, text, code
                            );
                        }
                        continue;
                    }
                };
                let json = &compiled.outputs[0].json;
                let back = assert_round_trip(json, target, emit, "users");
                let reparsed = parse(&back, &Limits::default());
                prop_assert!(reparsed.errors.is_empty(), "{back:?}");
            }
        }
    }
}

// ----- generated JSON documents ---------------------------------------------------------------

/// A JSON string literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// A JSON condition over `users` that is valid on `target` (and/or with two or more operands,
/// `like` only where the target has it).
fn json_condition(target: Target) -> BoxedStrategy<String> {
    let leaf = (0usize..10, tricky_string(), any::<i32>(), any::<bool>()).prop_map(
        move |(kind, s, n, b)| {
            let s = quoted(&s);
            match kind {
                0 => format!(r#"{{"eq":{{"first_name":{s}}}}}"#),
                1 => format!(r#"{{"neq":{{"weekly_capacity":{n}}}}}"#),
                2 => format!(r#"{{"in":{{"email":[{s},"x"]}}}}"#),
                3 => format!(r#"{{"not":{{"in":{{"id":[{n}]}}}}}}"#),
                4 => format!(r#"{{"eq":{{"is_active":{b}}}}}"#),
                5 => format!(r#"{{"fuzzy":{{"last_name":{s}}}}}"#),
                6 if target.has_like() => format!(r#"{{"like":{{"email":{s}}}}}"#),
                6 => format!(r#"{{"startswith":{{"email":{s}}}}}"#),
                7 if target.has_like() => format!(r#"{{"contains":{{"roles":{s}}}}}"#),
                7 => format!(r#"{{"array_contains":{{"roles":{s}}}}}"#),
                8 => r#"{"eq":{"timezone":null}}"#.to_owned(),
                _ => format!(r#"{{"any":{{"roles":{{"keyword":{{"name":{s}}}}}}}}}"#),
            }
        },
    );
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (
                prop_oneof![Just("and"), Just("or")],
                prop::collection::vec(inner.clone(), 2..4)
            )
                .prop_map(|(op, items)| format!(r#"{{"{op}":[{}]}}"#, items.join(","))),
            inner.prop_map(|c| format!(r#"{{"not":{c}}}"#)),
        ]
    })
    .boxed()
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::V2026_03),
        Just(Target::V2026_04),
        Just(Target::V2026_10)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// JSON → sift → JSON is exact for generated documents of every form.
    #[test]
    fn json_documents_survive_decompiling(
        (target, filter) in target().prop_flat_map(|t| (Just(t), json_condition(t))),
        limit in prop::option::of(1u64..1000),
        desc in any::<bool>(),
    ) {
        assert_round_trip(&filter, target, Emit::Filter, "users");
        let sort = if desc { r#"[{"created_at":"desc"},{"last_name":"asc"}]"# } else { r#"[{"id":"asc"}]"# };
        let query = format!(r#"{{"filter":{filter},"sort":{sort}}}"#);
        assert_round_trip(&query, target, Emit::Query, "users");
        let limit = limit.map(|n| format!(r#","limit":{n}"#)).unwrap_or_default();
        let params = format!(r#"{{"query":{query}{limit},"fields":[["id"],["first_name"]]}}"#);
        assert_round_trip(&params, target, Emit::Params, "users");
        let request = format!(
            r#"{{"entity":"users","action":"{}","params":{params}}}"#,
            target.action()
        );
        assert_round_trip(&request, target, Emit::Request, "users");
    }
}

/// The spec fixture with fields configured for semantic search, loaded once.
fn semantic_catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| common::spec_fixture("semantic"))
}

/// Semantic params on the fixture: `companies.note` (one of two configured fields, so named;
/// no context bound) or `projects.name` (the only one, so `field` may be left out), each
/// optional member present or not, and a filter over the columns of the field's units.
fn semantic_params() -> impl Strategy<Value = (&'static str, String)> {
    let companies = prop_oneof![
        Just(r#"{"eq":{"speaker":"Ada"}}"#),
        Just(r#"{"fuzzy":{"note":"late delivery"}}"#),
        Just(r#"{"and":[{"gte":{"chunk_chunk_index":2}},{"neq":{"id":null}}]}"#),
        Just(r#"{"or":[{"keyword":{"chunk_context":"refund"}},{"startswith":{"chunk":"Re"}}]}"#),
    ]
    .prop_map(|filter| ("companies", Some(r#""field":"note""#), filter));
    let projects = (
        prop_oneof![Just(None), Just(Some(r#""field":"name""#))],
        prop_oneof![
            Just(r#"{"eq":{"workspace_gid":"1"}}"#),
            Just(r#"{"contains":{"project":"launch"}}"#),
            Just(r#"{"in":{"name":["a","b"]}}"#),
        ],
    )
        .prop_map(|(field, filter)| ("projects", field, filter));
    (
        prop_oneof![companies, projects],
        "[a-z]{1,6}( [a-z]{1,6})?",
        any::<bool>(),
        prop::option::of(prop_oneof![
            Just("0.3"),
            Just("-1"),
            Just("0.25"),
            Just("1")
        ]),
        prop::option::of(1u64..=2048),
        prop::option::of(prop_oneof![Just("max"), Just("none")]),
        prop::option::of(1u64..=100),
    )
        .prop_map(
            |((entity, field, filter), prompt, filtered, min, size, dedup, limit)| {
                let mut members = vec![format!(r#""prompt":"{prompt}""#)];
                members.extend(field.map(str::to_owned));
                if filtered {
                    members.push(format!(r#""filter":{filter}"#));
                }
                members.extend(min.map(|m| format!(r#""min_similarity":{m}"#)));
                members.extend(size.map(|n| format!(r#""context_size":{n}"#)));
                members.extend(dedup.map(|d| format!(r#""dedup":"{d}""#)));
                let limit = limit
                    .map(|n| format!(r#","limit":{n}"#))
                    .unwrap_or_default();
                (
                    entity,
                    format!(r#"{{"semantic":{{{}}}{limit}}}"#, members.join(",")),
                )
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Semantic params, `context_size` and `dedup` included, survive JSON → sift → JSON; a
    /// `field` left out stays out.
    #[test]
    fn semantic_params_survive_decompiling((entity, params) in semantic_params()) {
        assert_round_trip_in(semantic_catalog(), &params, Target::V2026_10, Emit::Params, entity);
    }
}

#[test]
fn documented_examples() {
    let cases = [
        (
            Target::V2026_10,
            r#"{"startswith":{"name":"Ac"}}"#,
            r#"name startswith "Ac""#,
        ),
        (
            Target::V2026_03,
            r#"{"like":{"name":"%Ac%"}}"#,
            r#"name contains "Ac""#,
        ),
        (
            Target::V2026_03,
            r#"{"like":{"name":"A%c"}}"#,
            r#"name like "A%c""#,
        ),
        (
            Target::V2026_03,
            r#"{"and":[{"gte":{"id":1}},{"lte":{"id":5}}]}"#,
            "id between 1 and 5",
        ),
        (Target::V2026_03, r#"{"eq":{"name":null}}"#, "name is null"),
        (
            Target::V2026_03,
            r#"{"and":[{"or":[{"eq":{"id":1}},{"eq":{"id":2}}]},{"not":{"and":[{"eq":{"is_active":true}},{"eq":{"name":"x"}}]}}]}"#,
            r#"(id = 1 or id = 2) and not (is_active = true and name = "x")"#,
        ),
        (
            Target::V2026_03,
            r#"{"not":{"in":{"id":[1,2]}}}"#,
            "id not in [1, 2]",
        ),
    ];
    for (target, json, sift) in cases {
        let back = assert_round_trip(json, target, Emit::Filter, "clients");
        assert_eq!(back, sift);
    }
}

/// The normalisations of the way back, stated once: what a query decompiles to after
/// compiling, where that differs from the text written.
#[test]
fn documented_normalisations() {
    let cases = [
        (Target::V2026_03, "((id = 1))", "id = 1"),
        (Target::V2026_03, "not (id = 1)", "not id = 1"),
        (
            Target::V2026_03,
            "(id = 1 and id = 2) and id = 3",
            "(id = 1 and id = 2) and id = 3",
        ),
        (Target::V2026_03, "email = null", "email is null"),
        (Target::V2026_03, "email != null", "email is not null"),
        (Target::V2026_03, "not (id in [1, 2])", "id not in [1, 2]"),
        (
            Target::V2026_03,
            "id >= 1 and id <= 5",
            "id between 1 and 5",
        ),
        (
            Target::V2026_03,
            "created_at >= 2024-01-31",
            r#"created_at >= "2024-01-31""#,
        ),
        (
            Target::V2026_03,
            r#"first_name like "Ann%""#,
            r#"first_name startswith "Ann""#,
        ),
        (
            Target::V2026_10,
            r#"first_name like "%Ann%""#,
            r#"first_name contains "Ann""#,
        ),
        (
            Target::V2026_03,
            r#"first_name startswith """#,
            r#"first_name like "%""#,
        ),
        (
            Target::V2026_03,
            r#"first_name contains """#,
            r#"first_name like "%%""#,
        ),
    ];
    for (target, written, decompiled) in cases {
        let options = options(target, Emit::Filter, "users");
        let compiled = sift::compile(written, harvest(), &options)
            .unwrap_or_else(|d| panic!("{written}: {:?}", d.codes()));
        let json = compiled.texts()[0];
        assert_eq!(
            sift::decompile(json, harvest(), &options).ok().as_deref(),
            Some(decompiled),
            "{target}: {written} -> {json}"
        );
    }
}
