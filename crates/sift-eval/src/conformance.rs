//! Values whose JSON type differs from the schema (`"hours": "2.5"` where `hours` is a
//! number). The evaluator does not convert them (see `docs/semantics.md`); this module names
//! them, so the edge can count them in a warning and the example data can be checked.

use sift_schema::{Entity, Field, Kind, Type};

use crate::json::{JsonKind, JsonRef};
use crate::value::is_whole;

/// The paths (`hours`, `client.id`) of the record's values whose JSON type the schema does not
/// allow, walking declared properties of objects and array elements. Undeclared keys are not
/// mismatches: the schema lists searchable fields, records carry more.
pub fn mismatches<'v, J: JsonRef<'v>>(entity: &Entity, record: J) -> Vec<String> {
    let mut found = Vec::new();
    if record.kind() == JsonKind::Object {
        for field in &entity.fields {
            let path = Path {
                parent: None,
                name: &field.name,
            };
            check(field, record.get(&field.name), &path, &mut found);
        }
    }
    found
}

/// A field's dotted path, written out only for a mismatch.
struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    name: &'p str,
}

impl Path<'_> {
    fn render(&self) -> String {
        match self.parent {
            Some(parent) => format!("{}.{}", parent.render(), self.name),
            None => self.name.to_owned(),
        }
    }
}

fn check<'v, J: JsonRef<'v>>(
    field: &Field,
    value: Option<J>,
    path: &Path<'_>,
    found: &mut Vec<String>,
) {
    let Some(value) = value else { return };
    if !fits(&field.ty, value) {
        found.push(path.render());
        return;
    }
    let Some(properties) = &field.ty.properties else {
        return;
    };
    let mut visit = |object: J| {
        if object.kind() == JsonKind::Object {
            for property in properties {
                let inner = Path {
                    parent: Some(path),
                    name: &property.name,
                };
                check(property, object.get(&property.name), &inner, found);
            }
        }
    };
    if value.kind() == JsonKind::Array {
        value.items().for_each(&mut visit);
    } else {
        visit(value);
    }
}

/// True when the value's JSON type is one the field's type allows. An integer field takes
/// whole numbers only (`2.0` and `1e3` are whole); a number field takes any number.
pub fn fits<'v, J: JsonRef<'v>>(ty: &Type, value: J) -> bool {
    match value.kind() {
        JsonKind::Null => ty.nullable,
        JsonKind::Bool => ty.has(Kind::Boolean),
        JsonKind::Number => {
            ty.has(Kind::Number)
                || (ty.has(Kind::Integer) && value.number_text().is_some_and(is_whole))
        }
        JsonKind::String => ty.has(Kind::String),
        JsonKind::Array => ty.has(Kind::Array),
        JsonKind::Object => ty.has(Kind::Object),
    }
}

/// The JSON type of a value, as the schema names kinds (`string`, `number`, ...).
pub fn json_type<'v, J: JsonRef<'v>>(value: J) -> &'static str {
    match value.kind() {
        JsonKind::Null => "null",
        JsonKind::Bool => "boolean",
        JsonKind::Number => "number",
        JsonKind::String => "string",
        JsonKind::Array => "array",
        JsonKind::Object => "object",
    }
}
