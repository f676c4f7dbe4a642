//! The operator × type table and value compatibility.

use sift_schema::{Kind, Type};
use sift_syntax::ast::{OpKind, ValueKind};

use crate::suggest::sift_string;

/// The operators a kind supports (null tests are not per kind: they need a nullable type).
fn kind_supports(kind: Kind, op: OpKind) -> bool {
    use OpKind::*;
    match kind {
        Kind::String => matches!(
            op,
            Eq | Neq
                | Lt
                | Lte
                | Gt
                | Gte
                | Between
                | In
                | NotIn
                | Like
                | Fuzzy
                | Keyword
                | Contains
                | StartsWith
                | EndsWith
        ),
        Kind::Integer | Kind::Number => {
            matches!(op, Eq | Neq | Lt | Lte | Gt | Gte | Between | In | NotIn)
        }
        Kind::Boolean => matches!(op, Eq | Neq | In | NotIn),
        Kind::Array => matches!(op, Has | Any),
        Kind::Object => false,
    }
}

/// What `op` works on, for messages.
pub(crate) fn operator_needs(op: OpKind) -> &'static str {
    use OpKind::*;
    match op {
        Eq | Neq | In | NotIn => "a string, integer, number or boolean field",
        Lt | Lte | Gt | Gte | Between => "a string, integer or number field",
        Like | Fuzzy | Keyword | Contains | StartsWith | EndsWith => "a string field",
        Has | Any => "an array field",
        IsNull | IsNotNull => "a nullable field",
    }
}

/// True for the operators that match text: `like ~ keyword contains startswith endswith`.
pub(crate) fn is_text_match(op: OpKind) -> bool {
    use OpKind::*;
    matches!(
        op,
        Like | Fuzzy | Keyword | Contains | StartsWith | EndsWith
    )
}

/// True for `is null` and `is not null`.
pub(crate) fn is_null_test(op: OpKind) -> bool {
    matches!(op, OpKind::IsNull | OpKind::IsNotNull)
}

/// True when `op` applies to a field of type `ty` (some member of a union suffices).
pub fn operator_applies(op: OpKind, ty: &Type) -> bool {
    if is_null_test(op) {
        ty.nullable
    } else {
        ty.kinds.iter().any(|&k| kind_supports(k, op))
    }
}

/// The operators valid on a field of type `ty`, in documentation order: for completion and for
/// the help of `operator_type_mismatch`.
pub fn operators_for(ty: &Type) -> Vec<OpKind> {
    OpKind::ALL
        .into_iter()
        .filter(|&op| operator_applies(op, ty))
        .collect()
}

/// True when a member of `ty` that supports `op` accepts a value of this kind. Dates and
/// date-times are strings on the wire.
pub(crate) fn value_fits(ty: &Type, op: OpKind, value: &ValueKind<'_>) -> bool {
    ty.kinds
        .iter()
        .filter(|&&k| kind_supports(k, op))
        .any(|&k| kind_accepts(k, value))
}

fn kind_accepts(kind: Kind, value: &ValueKind<'_>) -> bool {
    matches!(
        (kind, value),
        (
            Kind::String,
            ValueKind::String(_) | ValueKind::Date(_) | ValueKind::DateTime(_)
        ) | (Kind::Integer, ValueKind::Integer(_))
            | (Kind::Number, ValueKind::Integer(_) | ValueKind::Decimal(_))
            | (Kind::Boolean, ValueKind::Bool(_))
    )
}

/// The members of `ty` that `op` compares values against.
pub(crate) fn value_kinds(ty: &Type, op: OpKind) -> Vec<Kind> {
    ty.kinds
        .iter()
        .copied()
        .filter(|&k| kind_supports(k, op) && k.is_scalar())
        .collect()
}

/// Whether `op` compares values of `ty` against strings only (`value_kinds` is `[String]`),
/// decided without collecting the kinds.
pub(crate) fn compares_only_strings(ty: &Type, op: OpKind) -> bool {
    let mut kinds = ty
        .kinds
        .iter()
        .filter(|&&k| kind_supports(k, op) && k.is_scalar());
    kinds.next() == Some(&Kind::String) && kinds.next().is_none()
}

/// "a string", "an integer (a whole number)", "a string or a number".
pub(crate) fn describe_kinds(kinds: &[Kind]) -> String {
    let words: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            Kind::String => "a string",
            Kind::Integer => "an integer (a whole number)",
            Kind::Number => "a number",
            Kind::Boolean => "a boolean (`true` or `false`)",
            Kind::Object => "an object",
            Kind::Array => "an array",
        })
        .collect();
    match words.as_slice() {
        [] => String::from("no value"),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "the string \"true\"", "the integer 42", "the decimal 1.5", "null".
pub(crate) fn describe_value(value: &ValueKind<'_>) -> String {
    const MAX: usize = 40;
    match value {
        ValueKind::String(s) if s.chars().count() > MAX => {
            let head: String = s.chars().take(MAX).collect();
            format!("the string {}…", sift_string(&head))
        }
        ValueKind::String(s) => format!("the string {}", sift_string(s)),
        ValueKind::Integer(n) => format!("the integer {n}"),
        ValueKind::Decimal(d) => format!("the decimal {d}"),
        ValueKind::Bool(b) => format!("the boolean {b}"),
        ValueKind::Null => String::from("null"),
        ValueKind::Date(d) => format!("the date {d}"),
        ValueKind::DateTime(d) => format!("the date-time {d}"),
        ValueKind::Relative(time) => format!("the time {time}"),
    }
}

/// The same value written so that one of `kinds` accepts it, where the intent is obvious:
/// `"true"` → `true`, `"42"` → `42`, `42` → `"42"` on a string field, `2.0` → `2`.
pub(crate) fn coerced_value(kinds: &[Kind], value: &ValueKind<'_>) -> Option<String> {
    let wants = |k: Kind| kinds.contains(&k);
    match value {
        ValueKind::String(s) => {
            let t = s.trim();
            if wants(Kind::Boolean)
                && (t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false"))
            {
                return Some(t.to_ascii_lowercase());
            }
            if (wants(Kind::Integer) || wants(Kind::Number)) && t.parse::<i64>().is_ok() {
                return Some(t.to_owned());
            }
            if wants(Kind::Number) && crate::decimal::Decimal::parse(t).is_some() {
                return Some(t.to_owned());
            }
            None
        }
        ValueKind::Integer(n) => {
            if wants(Kind::String) {
                Some(sift_string(&n.to_string()))
            } else if wants(Kind::Boolean) && (*n == 0 || *n == 1) {
                Some((*n == 1).to_string())
            } else {
                None
            }
        }
        ValueKind::Decimal(d) => {
            if wants(Kind::Integer) {
                crate::decimal::Decimal::parse(d)?
                    .to_integer()
                    .map(|n| n.to_string())
            } else if wants(Kind::String) {
                Some(sift_string(d))
            } else {
                None
            }
        }
        ValueKind::Bool(b) if wants(Kind::String) => Some(sift_string(&b.to_string())),
        ValueKind::Date(d) | ValueKind::DateTime(d) if wants(Kind::String) => Some(sift_string(d)),
        _ => None,
    }
}

/// Help for an operator that does not fit the field: the operators that do, and the likely
/// intended one.
pub(crate) fn operator_help(field: &str, op: OpKind, ty: &Type) -> String {
    let valid = operators_for(ty);
    let list: Vec<String> = valid.iter().map(|o| format!("`{}`", o.as_str())).collect();
    let mut help = if list.is_empty() {
        format!("no operator applies to `{field}` itself (type `{ty}`)")
    } else {
        format!("operators for `{ty}`: {}", list.join(", "))
    };
    let hint = if ty.has(Kind::Object) {
        Some(format!(
            "`{field}` is an object: filter on one of its properties, e.g. `{field}.id = …`"
        ))
    } else if ty.has(Kind::Array) && op != OpKind::Has && !is_null_test(op) {
        Some(format!(
            "`{field}` is an array: `{field} has v` tests whether it contains v, `{field} any (…)` tests its elements"
        ))
    } else if op == OpKind::Has && ty.has(Kind::String) {
        Some(format!(
            "for a substring of a string use `{field} contains \"…\"`"
        ))
    } else if is_text_match(op)
        && (ty.has(Kind::Integer) || ty.has(Kind::Number) || ty.has(Kind::Boolean))
    {
        Some(String::from(
            "text matching needs a string field; compare with `=` or `in` instead",
        ))
    } else {
        None
    };
    if let Some(hint) = hint {
        help.push_str("; ");
        help.push_str(&hint);
    }
    help
}

/// The replacement operator when one is obvious (a text operator on a number or boolean: `=`;
/// `contains` on an array: `has`).
pub(crate) fn replacement_operator(op: OpKind, ty: &Type) -> Option<OpKind> {
    if ty.has(Kind::Array) {
        // `tags = "vip"` and `tags contains "vip"` mean membership.
        return matches!(op, OpKind::Contains | OpKind::Eq).then_some(OpKind::Has);
    }
    if is_text_match(op) && !ty.has(Kind::String) && operator_applies(OpKind::Eq, ty) {
        return Some(OpKind::Eq);
    }
    if op == OpKind::Has && ty.has(Kind::String) {
        return Some(OpKind::Contains);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use OpKind::*;

    #[test]
    fn operator_table() {
        let string = Type::of(Kind::String);
        assert_eq!(
            operators_for(&string),
            [
                Eq, Neq, Lt, Lte, Gt, Gte, Between, In, NotIn, Like, Fuzzy, Keyword, Contains,
                StartsWith, EndsWith
            ]
        );
        assert_eq!(
            operators_for(&Type::of(Kind::Integer)),
            [Eq, Neq, Lt, Lte, Gt, Gte, Between, In, NotIn]
        );
        assert_eq!(
            operators_for(&Type::of(Kind::Boolean)),
            [Eq, Neq, In, NotIn]
        );
        assert_eq!(
            operators_for(&Type::of(Kind::Array).into_nullable()),
            [IsNull, IsNotNull, Has, Any]
        );
        assert!(operators_for(&Type::of(Kind::Object)).is_empty());
        let union = Type {
            kinds: vec![Kind::Boolean, Kind::Number],
            nullable: false,
            properties: None,
        };
        assert!(operator_applies(Lt, &union) && operator_applies(Eq, &union));
        assert!(value_fits(&union, Eq, &ValueKind::Bool(true)));
        assert!(!value_fits(&union, Lt, &ValueKind::Bool(true)));
    }

    #[test]
    fn value_compatibility() {
        let integer = Type::of(Kind::Integer);
        let number = Type::of(Kind::Number);
        let string = Type::of(Kind::String);
        assert!(value_fits(&integer, Eq, &ValueKind::Integer(1)));
        assert!(!value_fits(&integer, Eq, &ValueKind::Decimal("1.5".into())));
        assert!(value_fits(&number, Eq, &ValueKind::Decimal("1.5".into())));
        assert!(value_fits(&number, Eq, &ValueKind::Integer(1)));
        assert!(value_fits(
            &string,
            Gt,
            &ValueKind::Date("2024-01-01".into())
        ));
        assert!(value_fits(
            &string,
            Eq,
            &ValueKind::DateTime("2024-01-01T00:00:00Z".into())
        ));
        assert!(!value_fits(&string, Eq, &ValueKind::Integer(1)));
    }

    #[test]
    fn coercions() {
        let s = |t: &str| ValueKind::String(t.to_owned().into());
        assert_eq!(
            coerced_value(&[Kind::Boolean], &s("TRUE")).as_deref(),
            Some("true")
        );
        assert_eq!(
            coerced_value(&[Kind::Integer], &s("42")).as_deref(),
            Some("42")
        );
        assert_eq!(
            coerced_value(&[Kind::Number], &s("4.5")).as_deref(),
            Some("4.5")
        );
        assert_eq!(coerced_value(&[Kind::Integer], &s("4.5")), None);
        assert_eq!(
            coerced_value(&[Kind::String], &ValueKind::Integer(7)).as_deref(),
            Some("\"7\"")
        );
        assert_eq!(
            coerced_value(&[Kind::Boolean], &ValueKind::Integer(1)).as_deref(),
            Some("true")
        );
        assert_eq!(
            coerced_value(&[Kind::Integer], &ValueKind::Decimal("2.0".into())).as_deref(),
            Some("2")
        );
        assert_eq!(
            coerced_value(&[Kind::Integer], &ValueKind::Decimal("1.5".into())),
            None
        );
    }
}
