//! Operator keys: which ones a target accepts, what each stands for in sift, and the
//! diagnostics for unknown operators and operators a target lacks.

use sift_syntax::ast::OpKind;

use crate::error::JsonError;
use crate::parse::{Member, quote};
use crate::reader::Reader;
use sift_lower::Target;

/// Every operator key some target knows, for "did you mean" and "not on this target".
const ALL_OPERATORS: [&str; 19] = [
    "eq",
    "neq",
    "gt",
    "gte",
    "lt",
    "lte",
    "in",
    "like",
    "fuzzy",
    "keyword",
    "contains",
    "startswith",
    "endswith",
    "array_contains",
    "any",
    "not",
    "and",
    "or",
    "between",
];

/// The operator keys `target` accepts.
pub(crate) fn target_operators(target: Target) -> Vec<&'static str> {
    ALL_OPERATORS
        .iter()
        .copied()
        .filter(|op| *op != "between" && on_target(op, target))
        .collect()
}

fn on_target(op: &str, target: Target) -> bool {
    match op {
        "like" => target.has_like(),
        "startswith" | "endswith" | "array_contains" => target.has_literal_text_ops(),
        _ => true,
    }
}

impl Reader<'_> {
    /// The sift operator a field operator key stands for on this target.
    pub(crate) fn operator(
        &mut self,
        member: &Member<'_>,
        key: &str,
        pointer: &str,
    ) -> Option<OpKind> {
        let target = self.target;
        let kind = match key {
            "eq" => OpKind::Eq,
            "neq" => OpKind::Neq,
            "gt" => OpKind::Gt,
            "gte" => OpKind::Gte,
            "lt" => OpKind::Lt,
            "lte" => OpKind::Lte,
            "fuzzy" => OpKind::Fuzzy,
            "keyword" => OpKind::Keyword,
            "like" if target.has_like() => OpKind::Like,
            "contains" if target.has_literal_text_ops() => OpKind::Contains,
            "contains" => OpKind::Has,
            "startswith" if target.has_literal_text_ops() => OpKind::StartsWith,
            "endswith" if target.has_literal_text_ops() => OpKind::EndsWith,
            "array_contains" if target.has_literal_text_ops() => OpKind::Has,
            "like" | "startswith" | "endswith" | "array_contains" => {
                self.not_on_target(member, key, pointer);
                return None;
            }
            _ => {
                self.unknown_operator(member, key, pointer);
                return None;
            }
        };
        Some(kind)
    }

    fn not_on_target(&mut self, member: &Member<'_>, key: &str, pointer: &str) {
        let target = self.target;
        let (instead, replacement) = match key {
            "like" => (
                "use `startswith`, `endswith` or `contains` (literal text), or `eq` for a pattern without `%`",
                None,
            ),
            "startswith" => (
                "write a `like` pattern: {\"like\": {\"field\": \"text%\"}}",
                None,
            ),
            "endswith" => (
                "write a `like` pattern: {\"like\": {\"field\": \"%text\"}}",
                None,
            ),
            _ => (
                "use `contains`, which tests membership in an array on this target",
                Some("contains"),
            ),
        };
        let has = Target::ALL
            .iter()
            .filter(|t| on_target(key, **t))
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut error = JsonError::new(
            "operator_not_on_target",
            member.key_span,
            pointer,
            format!("target {target} has no `{key}` operator (it exists on {has})"),
        )
        .label(format!("not available on {target}"))
        .help(format!(
            "{instead}; or choose a target that has `{key}`: {has}"
        ))
        .expected_found(format!("an operator of {target}"), format!("`{key}`"))
        .alternatives(target_operators(target));
        if let Some(replacement) = replacement {
            error = error.fix(member.key_span, quote(replacement));
        }
        self.push(error);
    }

    fn unknown_operator(&mut self, member: &Member<'_>, key: &str, pointer: &str) {
        let valid = target_operators(self.target);
        let suggestions = sift_check::suggest(key, valid.iter().copied());
        let mut error = JsonError::new(
            "unknown_operator",
            member.key_span,
            pointer,
            format!(
                "unknown operator {}: expected an operator of target {}",
                quote(key),
                self.target
            ),
        )
        .label("not an operator")
        .expected_found(format!("one of {}", valid.join(", ")), quote(key))
        .alternatives(valid.iter().copied());
        error = match suggestions.as_slice() {
            [best, ..] => {
                let error = error.help(format!(
                    "did you mean `{best}`? operators on {}: {}",
                    self.target,
                    valid.join(", ")
                ));
                if suggestions.len() == 1 {
                    error.fix(member.key_span, quote(best))
                } else {
                    error
                }
            }
            [] => error.help(format!(
                "operators on {}: {}",
                self.target,
                valid.join(", ")
            )),
        };
        if key == "between" {
            error = error.help("`between` is sift sugar; in JSON write {\"and\": [{\"gte\": {\"f\": low}}, {\"lte\": {\"f\": high}}]}");
        }
        self.push(error);
    }
}
