//! A sift query and its decompiled-and-recompiled JSON select the same records of
//! `examples/harvest`: `compile(q)` and `compile(decompile(compile(q)))` are both run by the
//! evaluator over the entity's example records, and must give the same page.
//!
//! Queries are generated from the built-in catalog: conditions on the entity's scalar fields
//! (operators chosen by the field's type, values drawn from the example data so that they
//! match some records), combined with `and`, `or`, `not`, a sort and a limit, for every target.

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use proptest::prelude::*;
use serde_json::Value;
use sift::schema::Kind;
use sift::{Emit, JsonForm, Options, Target};
use sift_eval::{Flow, Search};

/// The entities the queries run on.
const ENTITIES: [&str; 5] = ["time_entries", "clients", "users", "projects", "invoices"];

/// An entity's scalar fields with their kind, and the values the example records have.
struct EntityData {
    name: &'static str,
    fields: Vec<(String, Kind, Vec<Value>)>,
    records: Vec<Value>,
}

fn load(name: &'static str) -> EntityData {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/harvest")
        .join(format!("{name}.jsonl"));
    let text = std::fs::read_to_string(&path).expect("the example data exists");
    let records: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("example lines are JSON"))
        .collect();
    let entity = sift::schema::harvest()
        .entity(name)
        .expect("a harvest entity");
    let fields = entity
        .fields
        .iter()
        .filter_map(|field| {
            let kind = *field.ty.kinds.iter().find(|k| k.is_scalar())?;
            if field.ty.kinds.iter().any(|k| !k.is_scalar()) {
                return None;
            }
            // Distinct values, in a stable order; strings whose `%`/`_` cannot travel
            // through `like` on the older targets are left out.
            let mut values: BTreeMap<String, Value> = BTreeMap::new();
            for record in &records {
                match record.get(&field.name) {
                    Some(Value::String(s)) if s.contains(['%', '_']) => {}
                    Some(value) if !value.is_null() => {
                        values.insert(value.to_string(), value.clone());
                    }
                    _ => {}
                }
            }
            let values: Vec<Value> = values.into_values().collect();
            (!values.is_empty()).then(|| (field.name.clone(), kind, values))
        })
        .collect();
    EntityData {
        name,
        fields,
        records,
    }
}

/// A sift literal for a JSON value (JSON string escapes are sift string escapes).
fn literal(value: &Value) -> String {
    value.to_string()
}

/// One comparison on `field`, with `pick` choosing among operators and values.
fn comparison(field: &str, kind: Kind, values: &[Value], pick: (usize, usize, usize)) -> String {
    let (op, first, second) = pick;
    let a = &values[first % values.len()];
    let b = &values[second % values.len()];
    let name = sift::syntax::format_field_name(field);
    match kind {
        Kind::String => {
            let text = a.as_str().unwrap_or_default();
            // A piece of a real value, so substring operators match something.
            let piece: String = text
                .chars()
                .skip(text.chars().count() / 3)
                .take(3)
                .collect();
            let piece = Value::String(piece);
            match op % 8 {
                0 => format!("{name} = {}", literal(a)),
                1 => format!("{name} != {}", literal(a)),
                2 => format!("{name} contains {}", literal(&piece)),
                3 => format!(
                    "{name} startswith {}",
                    literal(&Value::String(text.chars().take(2).collect()))
                ),
                4 => format!("{name} endswith {}", literal(&piece)),
                5 => format!("{name} in [{}, {}]", literal(a), literal(b)),
                6 => format!("{name} fuzzy {}", literal(a)),
                _ => format!("{name} is null"),
            }
        }
        Kind::Integer | Kind::Number => match op % 8 {
            0 => format!("{name} = {}", literal(a)),
            1 => format!("{name} != {}", literal(a)),
            2 => format!("{name} < {}", literal(a)),
            3 => format!("{name} <= {}", literal(a)),
            4 => format!("{name} > {}", literal(a)),
            5 => format!("{name} >= {}", literal(a)),
            6 => format!("{name} in [{}, {}]", literal(a), literal(b)),
            _ => format!("{name} is not null"),
        },
        Kind::Boolean => match op % 3 {
            0 => format!("{name} = {}", literal(a)),
            1 => format!("{name} != {}", literal(a)),
            _ => format!("{name} is null"),
        },
        Kind::Object | Kind::Array => unreachable!("only scalar fields are kept"),
    }
}

/// How conditions combine: a leaf, or `and`/`or`/`not` over smaller trees.
#[derive(Clone, Debug)]
enum Shape {
    Leaf(usize, (usize, usize, usize)),
    And(Vec<Shape>),
    Or(Vec<Shape>),
    Not(Box<Shape>),
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = (
        any::<usize>(),
        (any::<usize>(), any::<usize>(), any::<usize>()),
    )
        .prop_map(|(field, pick)| Shape::Leaf(field, pick));
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(Shape::And),
            prop::collection::vec(inner.clone(), 2..4).prop_map(Shape::Or),
            inner.prop_map(|s| Shape::Not(Box::new(s))),
        ]
    })
}

fn condition(shape: &Shape, entity: &EntityData) -> String {
    let join = |parts: &[Shape], word: &str| {
        let texts: Vec<String> = parts
            .iter()
            .map(|p| format!("({})", condition(p, entity)))
            .collect();
        texts.join(&format!(" {word} "))
    };
    match shape {
        Shape::Leaf(field, pick) => {
            let (name, kind, values) = &entity.fields[field % entity.fields.len()];
            comparison(name, *kind, values, *pick)
        }
        Shape::And(parts) => join(parts, "and"),
        Shape::Or(parts) => join(parts, "or"),
        Shape::Not(inner) => format!("not ({})", condition(inner, entity)),
    }
}

/// The page the evaluator gives for a compiled request over the entity's records.
fn evaluate(request: &str, target: Target, records: &[Value]) -> sift_eval::Page {
    let request: Value = serde_json::from_str(request).expect("compiled output is JSON");
    let (_, search) = Search::from_request(&request, target).expect("the evaluator reads it");
    let mut collector = search.collector();
    for record in records {
        if collector.push(record.clone()) == Flow::Stop {
            break;
        }
    }
    let page = collector.finish();
    assert_eq!(page, common::page_via_tape(&search, records));
    page
}

fn compile_one(source: &str, options: &Options) -> String {
    let compiled = sift::compile(source, sift::schema::harvest(), options)
        .unwrap_or_else(|d| panic!("{source}: {:?}", d.codes()));
    assert_eq!(compiled.outputs.len(), 1);
    compiled.outputs[0].json.clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn decompiled_json_selects_the_same_records(
        entity in 0..ENTITIES.len(),
        shape in shape(),
        sort in prop::option::of((any::<usize>(), any::<bool>())),
        limit in prop::option::of(1u64..40),
        target in prop::sample::select(vec![Target::V2026_03, Target::V2026_04, Target::V2026_10]),
    ) {
        let data = load(ENTITIES[entity]);
        let mut query = format!("from {} where {}", data.name, condition(&shape, &data));
        if let Some((field, descending)) = sort {
            let (name, _, _) = &data.fields[field % data.fields.len()];
            let name = sift::syntax::format_field_name(name);
            let tie = if name == "id" { "" } else { ", id" };
            query.push_str(&format!(" sort {name}{}{tie}", if descending { " desc" } else { "" }));
        }
        if let Some(limit) = limit {
            query.push_str(&format!(" limit {limit}"));
        }
        let options = Options::default()
            .with_target(target)
            .with_emit(Emit::Request)
            .with_form(Some(JsonForm::Request));
        let first = compile_one(&query, &options);
        let decompiled = sift::decompile(&first, sift::schema::harvest(), &options)
            .unwrap_or_else(|d| panic!("{first}: {:?}", d.codes()));
        let second = compile_one(&decompiled, &options);
        let (a, b) = (
            evaluate(&first, target, &data.records),
            evaluate(&second, target, &data.records),
        );
        prop_assert_eq!(&a.records, &b.records, "{}\n{}\n{}", query, first, second);
        prop_assert_eq!(a.has_more, b.has_more);
    }
}

/// The generator is not vacuous: over many queries, pages are neither always empty nor always
/// everything.
#[test]
fn generated_queries_select_some_but_not_all_records() {
    let data = load("time_entries");
    let (mut empty, mut some) = (0, 0);
    for field in 0..data.fields.len() {
        for op in 0..8 {
            let shape = Shape::Leaf(field, (op, field * 7 + op, op * 3));
            let query = format!("from time_entries where {}", condition(&shape, &data));
            let options = Options::default().with_emit(Emit::Request);
            let page = evaluate(
                &compile_one(&query, &options),
                Target::default(),
                &data.records,
            );
            if page.records.is_empty() {
                empty += 1;
            } else if page.records.len() < data.records.len() {
                some += 1;
            }
        }
    }
    assert!(some > empty, "{some} selective, {empty} empty");
}
