//! Operator keys: which ones a target accepts, what each stands for in sift, and the
//! diagnostics for unknown operators and operators a target lacks.

use sift_syntax::ast::{OPERATOR_ALIASES, OPERATOR_SPELLINGS, OpKind};

use crate::error::JsonError;
use crate::parse::{Member, quote};
use crate::pointer::Ptr;
use crate::reader::Reader;
use sift_lower::{LOGIC_KEYS, Target};

/// The operator keys `target` accepts: its field operators (from the one table,
/// `sift_lower::OPERATOR_KEYS`), then the logic keys.
pub(crate) fn target_operators(target: Target) -> Vec<&'static str> {
    let mut keys = target.operator_keys();
    keys.extend(LOGIC_KEYS);
    keys
}

/// The operator a foreign key plainly means: a sift spelling (`=`, `>=`), a foreign alias
/// (`equals`, `ne`), or either with Mongo's leading `$` (`$eq`, `$ne`).
fn meant(target: Target, key: &str) -> Option<OpKind> {
    let bare = key.strip_prefix('$').unwrap_or(key).to_ascii_lowercase();
    OPERATOR_ALIASES
        .iter()
        .chain(OPERATOR_SPELLINGS.iter())
        .find(|(spelling, _)| *spelling == bare)
        .map(|(_, op)| *op)
        .or_else(|| target.operator_of_key(&bare))
}

impl Reader<'_> {
    /// The sift operator a field operator key stands for on this target.
    pub(crate) fn operator(
        &mut self,
        member: &Member<'_>,
        key: &str,
        pointer: Ptr,
    ) -> Option<OpKind> {
        if let Some(kind) = self.target.operator_of_key(key) {
            return Some(kind);
        }
        if Target::with_key(key).is_empty() {
            self.unknown_operator(member, key, pointer);
        } else {
            self.not_on_target(member, key, pointer);
        }
        None
    }

    fn not_on_target(&mut self, member: &Member<'_>, key: &str, pointer: Ptr) {
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
        let has = Target::with_key(key)
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut error = JsonError::new(
            JsonError::OperatorNotOnTarget,
            member.key_span,
            &self.pointer(pointer),
            format!("target {target} has no `{key}` operator (it exists on {has})"),
        )
        .label(format!("not available on {target}"))
        .with_help(format!(
            "{instead}; or choose a target that has `{key}`: {has}"
        ))
        .expected_found(format!("an operator of {target}"), format!("`{key}`"))
        .alternatives(target_operators(target));
        if let Some(replacement) = replacement {
            error = error.fix(member.key_span, quote(replacement));
        }
        self.push(error);
    }

    fn unknown_operator(&mut self, member: &Member<'_>, key: &str, pointer: Ptr) {
        let valid = target_operators(self.target);
        // A key that plainly means an operator (`equals`, `ne`, `$eq`, `>=`) is answered with
        // that operator's key on this target before any spelling that merely looks alike.
        let suggestions = match meant(self.target, key).and_then(|op| self.target.key_of(op)) {
            Some(key) => vec![key],
            None => sift_check::suggest(key, valid.iter().copied()),
        };
        let mut error = JsonError::new(
            JsonError::UnknownOperator,
            member.key_span,
            &self.pointer(pointer),
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
                let error = error.with_help(format!(
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
            [] => error.with_help(format!(
                "operators on {}: {}",
                self.target,
                valid.join(", ")
            )),
        };
        if key == "between" {
            error = error.with_help("`between` is sift sugar; in JSON write {\"and\": [{\"gte\": {\"f\": low}}, {\"lte\": {\"f\": high}}]}");
        }
        self.push(error);
    }
}
