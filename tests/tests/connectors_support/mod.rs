//! Shared by the connector tests: for every field of every entity of a catalog, generate
//! conditions that fit its type and conditions that do not, compile them, and collect what
//! went wrong.

#![allow(dead_code)]

/// The `airbyte-agent-sdk` release the connector tests were written against
/// (`tests/sdk-version.txt`, the one place it is written); they download exactly this one from
/// PyPI, so a new release cannot change what they check.
pub fn sdk_version() -> &'static str {
    include_str!("../../sdk-version.txt").trim()
}

use serde_json::{Value, json};
use sift::schema::{Kind, Type};
use sift::{Catalog, Emit, Options};
use sift_check::{FieldCompletion, entity_completions, field_completions};
use sift_schema::TimeFormat;

/// What exercising a catalog found.
#[derive(Debug, Default)]
pub struct Exercise {
    pub entities: usize,
    pub searchable_entities: usize,
    pub top_level_fields: usize,
    pub nested_properties: usize,
    /// Conditions that fit their field's type and compiled.
    pub compiled: usize,
    /// Conditions of the wrong type, rejected as they should be.
    pub rejected: usize,
    /// Fields no operator applies to (a non-nullable object): only a path into them can be
    /// filtered on. Those without declared properties get an unchecked sub-path condition.
    pub without_operator: usize,
    /// Conditions on sub-paths of objects without declared properties (compiled, with the
    /// `unchecked_path` warning).
    pub unchecked: usize,
    /// Properties whose path reads as another field with the same JSON key (not exercised).
    pub shadowed: usize,
    /// Everything that went wrong, one line each.
    pub failures: Vec<String>,
}

/// Compiles `source` against `catalog` to the bare filter. `Ok((json, warning codes))` or the
/// codes of the diagnostics.
pub fn compile_filter(
    catalog: &Catalog,
    source: &str,
) -> Result<(Value, Vec<String>), Vec<String>> {
    let options = Options::default().with_emit(Emit::Filter);
    match sift::compile(source, catalog, &options) {
        Ok(compiled) => {
            let json = compiled
                .outputs
                .first()
                .and_then(|output| serde_json::from_str(&output.json).ok())
                .unwrap_or(Value::Null);
            Ok((json, owned(compiled.warnings.codes())))
        }
        Err(diagnostics) => Err(owned(diagnostics.codes())),
    }
}

/// `a any (b any (condition))` for a property inside the elements of arrays `a`, then `b`.
fn wrap(within: &[String], condition: String) -> String {
    within
        .iter()
        .rev()
        .fold(condition, |inner, array| format!("{array} any ({inner})"))
}

/// The JSON the `=` condition lowers to, wrapped in `any` the same way.
fn wrap_json(within_keys: &[String], condition: Value) -> Value {
    within_keys.iter().rev().fold(
        condition,
        |inner, key| json!({ "any": { key.as_str(): inner } }),
    )
}

/// A value of `kind` as sift text and as the JSON it lowers to; a date or date-time in the
/// form of a field that holds them (any other text is a `not_a_date` warning).
fn sample(kind: Kind, format: Option<TimeFormat>) -> Option<(&'static str, Value)> {
    match (kind, format) {
        (Kind::String, Some(TimeFormat::Date)) => Some(("2026-01-31", json!("2026-01-31"))),
        (Kind::String, Some(TimeFormat::DateTime)) => {
            Some(("2026-01-31T09:30:00Z", json!("2026-01-31T09:30:00Z")))
        }
        (Kind::String, _) => Some((r#""sample""#, json!("sample"))),
        (Kind::Integer, _) => Some(("42", json!(42))),
        (Kind::Number, _) => Some(("4.5", serde_json::from_str("4.5").unwrap_or(Value::Null))),
        (Kind::Boolean, _) => Some(("true", json!(true))),
        (Kind::Object | Kind::Array, _) => None,
    }
}

/// Another value of `kind`, so that generated lists hold distinct values (a repeated one is
/// a `duplicate_list_value` warning).
fn other_sample(kind: Kind, format: Option<TimeFormat>) -> Option<&'static str> {
    match (kind, format) {
        (Kind::String, Some(TimeFormat::Date)) => Some("2026-02-01"),
        (Kind::String, Some(TimeFormat::DateTime)) => Some("2026-02-01T09:30:00Z"),
        (Kind::String, _) => Some(r#""other""#),
        (Kind::Integer, _) => Some("43"),
        (Kind::Number, _) => Some("5.5"),
        (Kind::Boolean, _) => Some("false"),
        (Kind::Object | Kind::Array, _) => None,
    }
}

/// A value no member of `ty` accepts with `=`, if there is one.
fn wrong_value(ty: &Type) -> Option<&'static str> {
    let scalar = |k: Kind| ty.has(k) && k.is_scalar();
    if !scalar(Kind::String) {
        Some(r#""wrong""#)
    } else if !scalar(Kind::Boolean) {
        Some("true")
    } else if !scalar(Kind::Integer) && !scalar(Kind::Number) {
        Some("7")
    } else {
        None
    }
}

/// Generates and compiles conditions for every field and nested property of `catalog`.
pub fn exercise(catalog: &Catalog) -> Exercise {
    let mut report = Exercise::default();
    for info in entity_completions(catalog) {
        report.entities += 1;
        let Some(entity) = catalog.entity(info.name) else {
            report
                .failures
                .push(format!("{}: completion lists an unknown entity", info.name));
            continue;
        };
        if !info.searchable {
            continue;
        }
        report.searchable_entities += 1;
        report.top_level_fields += entity.fields.len();
        let fields = field_completions(entity);
        report.nested_properties += fields.iter().filter(|f| f.depth > 0).count();
        for field in &fields {
            if field.shadowed {
                report.shadowed += 1;
                continue;
            }
            exercise_field(catalog, &info.text, &fields, field, &mut report);
        }
    }
    report
}

fn exercise_field(
    catalog: &Catalog,
    entity: &str,
    all: &[FieldCompletion<'_>],
    field: &FieldCompletion<'_>,
    report: &mut Exercise,
) {
    let query =
        |condition: String| format!("from {entity}\nwhere {}", wrap(&field.within, condition));
    let path = &field.path;
    let mut fitting: Vec<String> = Vec::new();
    for &kind in &field.ty.kinds {
        if let Some((value, json)) = sample(kind, field.format) {
            let source = query(format!("{path} = {value}"));
            // The JSON keys: the field's, inside the keys of the arrays it lives in.
            let within_keys = within_keys(all, field);
            let expected = wrap_json(&within_keys, json!({ "eq": { field.key.as_str(): json } }));
            check_compiles(catalog, &source, Some(&expected), &[], report);
            let other = other_sample(kind, field.format).unwrap_or(value);
            fitting.push(format!("{path} in [{value}, {other}]"));
        }
    }
    if field.ty.nullable {
        fitting.push(format!("{path} is null"));
        fitting.push(format!("{path} is not null"));
    } else {
        // Sound, but always false: it compiles with a warning.
        check_compiles(
            catalog,
            &query(format!("{path} is null")),
            None,
            &["sift::check::never_null"],
            report,
        );
    }
    if field.ty.has(Kind::Array) {
        fitting.push(format!(r#"{path} has "sample""#));
    }
    let generated = fitting.len() + field.ty.kinds.iter().filter(|k| k.is_scalar()).count();
    if generated == 0 {
        report.without_operator += 1;
    }
    for condition in fitting {
        check_compiles(catalog, &query(condition), None, &[], report);
    }
    if field.ty.has(Kind::Object) && field.ty.properties.is_none() {
        let source = query(format!(r#"{path}.sample = "x""#));
        let key = format!("{}.sample", field.key);
        let within_keys = within_keys(all, field);
        let expected = wrap_json(&within_keys, json!({ "eq": { key: "x" } }));
        let before = report.compiled;
        check_compiles(
            catalog,
            &source,
            Some(&expected),
            &["sift::check::unchecked_path"],
            report,
        );
        report.unchecked += report.compiled - before;
    }
    if let Some(wrong) = wrong_value(field.ty) {
        check_rejected(catalog, &query(format!("{path} = {wrong}")), report);
    }
}

/// The JSON keys of the arrays around `field`, outermost first.
fn within_keys(all: &[FieldCompletion<'_>], field: &FieldCompletion<'_>) -> Vec<String> {
    (0..field.within.len())
        .map(|level| {
            let outer = field.within.get(..level).unwrap_or_default();
            let text = field
                .within
                .get(level)
                .map(String::as_str)
                .unwrap_or_default();
            all.iter()
                .find(|f| f.within.as_slice() == outer && f.path == text)
                .map(|f| f.key.clone())
                .unwrap_or_default()
        })
        .collect()
}

fn check_compiles(
    catalog: &Catalog,
    source: &str,
    expected: Option<&Value>,
    expected_warnings: &[&str],
    report: &mut Exercise,
) {
    match compile_filter(catalog, source) {
        Ok((json, warnings)) => {
            report.compiled += 1;
            if warnings != expected_warnings {
                report
                    .failures
                    .push(format!("{source:?}: unexpected warnings {warnings:?}"));
            }
            if let Some(expected) = expected
                && &json != expected
            {
                report.failures.push(format!(
                    "{source:?}: lowered to {json}, expected {expected}"
                ));
            }
            match sift::format(source, &sift::Options::default()) {
                // The formatter ends the text with a newline.
                Ok(formatted) if formatted.strip_suffix('\n') == Some(source) => {}
                Ok(formatted) => report
                    .failures
                    .push(format!("{source:?}: formats to {formatted:?}")),
                Err(errors) => report
                    .failures
                    .push(format!("{source:?}: format failed {:?}", errors.codes())),
            }
        }
        Err(codes) => report.failures.push(format!("{source:?}: {codes:?}")),
    }
}

fn check_rejected(catalog: &Catalog, source: &str, report: &mut Exercise) {
    match compile_filter(catalog, source) {
        Ok(_) => report.failures.push(format!(
            "{source:?}: compiled, but the condition does not fit the type"
        )),
        Err(codes) => {
            let fits = codes.iter().all(|c| {
                matches!(
                    c.as_str(),
                    "sift::check::value_type_mismatch" | "sift::check::operator_type_mismatch"
                )
            });
            if fits && !codes.is_empty() {
                report.rejected += 1;
            } else {
                report
                    .failures
                    .push(format!("{source:?}: rejected with {codes:?}"));
            }
        }
    }
}

fn owned(codes: Vec<&str>) -> Vec<String> {
    codes.into_iter().map(str::to_owned).collect()
}
