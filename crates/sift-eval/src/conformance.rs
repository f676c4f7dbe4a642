//! Values whose JSON type differs from the schema (`"hours": "2.5"` where `hours` is a
//! number). The evaluator does not convert them (see `docs/semantics.md`); this module names
//! them, so the edge can count them in a warning and the example data can be checked.

use serde_json::Value;
use sift_schema::{Entity, Field, Kind, Type};

use crate::value::decimal;

/// The paths (`hours`, `client.id`) of the record's values whose JSON type the schema does not
/// allow, walking declared properties of objects and array elements. Undeclared keys are not
/// mismatches: the schema lists searchable fields, records carry more.
pub fn mismatches(entity: &Entity, record: &Value) -> Vec<String> {
    let mut found = Vec::new();
    if let Value::Object(object) = record {
        for field in &entity.fields {
            check(field, object.get(&field.name), &field.name, &mut found);
        }
    }
    found
}

fn check(field: &Field, value: Option<&Value>, path: &str, found: &mut Vec<String>) {
    let Some(value) = value else { return };
    if !fits(&field.ty, value) {
        found.push(path.to_owned());
        return;
    }
    let Some(properties) = &field.ty.properties else {
        return;
    };
    let objects: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for object in objects.into_iter().filter_map(Value::as_object) {
        for property in properties {
            let inner = format!("{path}.{}", property.name);
            check(property, object.get(&property.name), &inner, found);
        }
    }
}

/// True when the value's JSON type is one the field's type allows. An integer field takes
/// whole numbers only (`2.0` and `1e3` are whole); a number field takes any number.
pub fn fits(ty: &Type, value: &Value) -> bool {
    match value {
        Value::Null => ty.nullable,
        Value::Bool(_) => ty.has(Kind::Boolean),
        Value::Number(n) => {
            ty.has(Kind::Number)
                || (ty.has(Kind::Integer) && decimal(n).is_some_and(|d| d.to_integer().is_some()))
        }
        Value::String(_) => ty.has(Kind::String),
        Value::Array(_) => ty.has(Kind::Array),
        Value::Object(_) => ty.has(Kind::Object),
    }
}

/// The JSON type of a value, as the schema names kinds (`string`, `number`, ...).
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
