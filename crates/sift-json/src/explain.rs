//! The checker's findings about the AST read from JSON, restated for the JSON document: the
//! code moves to `sift::json::…`, the operator is named by its JSON key, the pointer is added,
//! and the valid alternatives (operators for the field's type on the target, nearest names)
//! are listed for programs that correct their own output.

use sift_check::{CheckError, operators_for, suggest, unix_seconds_of};
use sift_lower::LowerError;
use sift_schema::{Field, Outcome, Type, resolve_path};
use sift_syntax::ast::OpKind;
use sift_syntax::{Span, SuggestFix};

use crate::error::{Code, Finding, JsonError, Restated};
use crate::parse::quote;
use crate::reader::{KeyInfo, Reader};
use sift_lower::Target;

/// The JSON operator keys that express `op` on `target`, as the lowering writes it (empty for
/// sugar such as `between`, and for `like` where the target has none).
fn json_keys(op: OpKind, target: Target) -> Vec<&'static str> {
    let written = match op {
        OpKind::IsNull => OpKind::Eq,
        OpKind::IsNotNull => OpKind::Neq,
        other => other,
    };
    match target.key_of(written) {
        Some(key) => vec![key],
        // Written as `like` patterns where the target has no literal operator.
        None if matches!(op, OpKind::Contains | OpKind::StartsWith | OpKind::EndsWith) => {
            target.key_of(OpKind::Like).into_iter().collect()
        }
        None => Vec::new(),
    }
}

/// The JSON code of each lowering finding, one arm per variant.
pub(crate) fn lower_code(finding: &LowerError) -> Code {
    match finding {
        LowerError::NoLikeOnTarget { .. } => JsonError::OperatorNotOnTarget,
        LowerError::WildcardInLiteral { .. } => JsonError::WildcardInLiteral,
        LowerError::NoFilter { .. } => JsonError::EmptyFilter,
        LowerError::NoSemanticOnTarget { .. } => JsonError::SemanticNotOnTarget,
        LowerError::SemanticNeedsParams { .. } => JsonError::SemanticNeedsParams,
        LowerError::TooDeep { .. } => JsonError::TooDeep,
    }
}

/// The JSON operator keys valid on a field of type `ty` on `target`, in documentation order.
pub(crate) fn json_operators_for(ty: &Type, target: Target) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    let ops = operators_for(ty);
    // On a type without equality (arrays, objects) `eq`/`neq` only test for null: say so, so
    // that a program correcting itself does not try `{"eq": {"tags": "x"}}`.
    let null_only = !ops.contains(&OpKind::Eq);
    for op in ops {
        let keys: &[&'static str] = match op {
            OpKind::IsNull if null_only => &["eq (null only)"],
            OpKind::IsNotNull if null_only => &["neq (null only)"],
            _ => &json_keys(op, target),
        };
        for key in keys {
            if !out.contains(key) {
                out.push(key);
            }
        }
    }
    out
}

impl<'c> Reader<'c> {
    fn field_type(&self, key: &KeyInfo<'c>) -> Option<&'c Type> {
        let fields = key.scope?;
        let names = self.key_segments(key);
        let segments: Vec<&str> = names.iter().map(String::as_str).collect();
        match resolve_path(fields, &segments).outcome {
            Outcome::Field(field) => Some(&field.ty),
            _ => None,
        }
    }

    /// What a finding of the checker or the lowering says, as a JSON finding at `span`.
    fn restate(&self, finding: &dyn miette::Diagnostic, span: Span) -> Finding {
        Finding {
            message: finding.to_string(),
            span,
            label: finding
                .labels()
                .and_then(|mut labels| labels.next())
                .and_then(|l| l.label().map(str::to_owned))
                .unwrap_or_default(),
            pointer: self.pointer_of(span),
            help: finding.help().map(|h| h.to_string()),
            ..Finding::default()
        }
    }

    /// A lowering finding as a JSON diagnostic.
    pub(crate) fn explain_lowering(&self, finding: LowerError) -> JsonError {
        let error = lower_code(&finding)(self.restate(&finding, finding.span()));
        error.edit(|error| match &finding {
            LowerError::NoSemanticOnTarget { target, .. } => {
                error.message = format!("target {target} has no semantic search (`semantic`)");
                error.label = format!("not available on {target}");
            }
            // The reader refuses `like` on a target without it, and reads `contains` and the
            // rest by the target's keys, so these cannot come from JSON; the lowering's words
            // stand. Its fixes are edits of sift text, not of the JSON, and are not carried.
            LowerError::NoLikeOnTarget { .. }
            | LowerError::WildcardInLiteral { .. }
            | LowerError::NoFilter { .. }
            | LowerError::SemanticNeedsParams { .. }
            | LowerError::TooDeep { .. } => {}
        })
    }

    /// A checker finding as a JSON diagnostic: the checker's finding, restated in JSON terms.
    pub(crate) fn explain(&self, finding: CheckError) -> JsonError {
        let span = finding.span();
        let mut restated = self.restate(&finding, span);
        let pointer = restated.pointer.clone();
        self.add_json_terms(&mut restated, &finding, span, &pointer);
        JsonError::Check(Restated::new(&finding, restated))
    }

    /// What only the JSON can say about a finding: its operator keys, the valid alternatives,
    /// fixes in JSON text.
    fn add_json_terms(&self, error: &mut Finding, finding: &CheckError, span: Span, pointer: &str) {
        match finding {
            CheckError::NoEntity { .. } => {
                let names: Vec<&str> = self.catalog.entity_names().collect();
                error.message = String::from(
                    "no entity to check against: this form does not name one, and none was given",
                );
                error.help = Some(format!(
                    "give the entity (`--entity {}`, or `entity` in sift.toml or `Options`), or validate a request, which names its entity",
                    names.first().copied().unwrap_or("<entity>")
                ));
                error.alternatives = names.iter().map(|n| (*n).to_owned()).collect();
            }
            CheckError::EntityOverridden { from, given, .. } => {
                error.message = format!(
                    "the request searches `{from}`, not `{given}`: its `entity` wins over the entity given with it"
                );
                error.label = format!("this entity is searched, not `{given}`");
                error.help = Some(format!(
                    "drop `--entity {given}` (or `entity` in sift.toml or `Options`), or change the request's `entity`"
                ));
            }
            CheckError::UnknownEntity { name, .. } => {
                let suggestions = suggest(name, self.catalog.entity_names());
                if let [best] = suggestions.as_slice()
                    && pointer == "/entity"
                {
                    error.fix = Some(sift_syntax::Fix {
                        span,
                        replacement: quote(best),
                    });
                }
                error.expected = Some(format!("an entity of {}", self.catalog.connector));
                error.found = Some(quote(name));
                error.alternatives = if suggestions.is_empty() {
                    self.catalog.entity_names().map(str::to_owned).collect()
                } else {
                    suggestions.iter().map(|s| (*s).to_owned()).collect()
                };
            }
            CheckError::UnknownField { name, .. } => self.unknown_field(error, span, name),
            CheckError::SemanticFilterField { name, fix, .. } => {
                error.found = Some(quote(name));
                if let Some(key) = self.key_at(span) {
                    if let Some(columns) = key.scope {
                        error.expected = Some(String::from("a column of the semantic filter"));
                        error.alternatives = columns.iter().map(|f| f.name.clone()).collect();
                    }
                    if let Some(fix) = fix
                        && key.member
                    {
                        error.fix = Some(sift_syntax::Fix {
                            span: key.span,
                            replacement: quote(fix.replacement.trim_matches('`')),
                        });
                    }
                }
            }
            CheckError::OperatorTypeMismatch {
                field,
                ty,
                needs,
                replacement,
                ..
            } => self.operator_mismatch(error, span, field, ty, needs, *replacement),
            CheckError::ValueTypeMismatch {
                field,
                expected,
                found,
                ..
            } => {
                error.expected = Some(expected.clone());
                error.found = Some(found.clone());
                error.fix = finding.fix();
                // A date written bare, which a Unix-time field takes in sift, is its seconds in
                // JSON.
                let seconds = finding.fix().and_then(|fix| {
                    let seconds = unix_seconds_of(&fix.replacement)?;
                    Some((fix, seconds))
                });
                if let Some((fix, seconds)) = seconds {
                    error.help = Some(format!(
                        "`{field}` counts seconds since 1970-01-01T00:00:00Z: {} is {seconds}",
                        fix.replacement
                    ));
                    error.fix = Some(sift_syntax::Fix {
                        span: fix.span,
                        replacement: seconds.to_string(),
                    });
                }
            }
            CheckError::NeverNull {
                field,
                ty,
                always,
                negated,
                ..
            } => {
                let op = if *negated { "neq" } else { "eq" };
                error.message = format!(
                    "`{field}` is never null (its type is `{ty}`), so `{{\"{op}\": {{{}: null}}}}` is {always}",
                    quote(field)
                );
                error.expected = Some(format!("a value of type `{ty}`"));
                error.found = Some(String::from("null"));
            }
            // The checker's help speaks sift; a JSON document is answered in JSON terms.
            CheckError::LikeWithoutWildcard { field, pattern, .. } => {
                let text = serde_json::from_str::<String>(pattern).unwrap_or_default();
                let underscore = if text.contains('_') {
                    " (`_` stands for any one character)"
                } else {
                    ""
                };
                error.help = Some(format!(
                    "without `%` the pattern must match the whole value{underscore}; for a partial match add `%`: {{\"like\": {{{}: {}}}}}",
                    quote(field),
                    quote(&format!("%{text}%"))
                ));
            }
            CheckError::NegatedNullable { what, field, .. } => {
                let what = match *what {
                    "`!=`" => "`neq`",
                    "`not in`" => "`not` over `in`",
                    other => other,
                };
                error.message = format!(
                    "{what} on the nullable field `{field}` also matches records where `{field}` is null"
                );
                error.help = Some(format!(
                    "a record without `{field}` passes it; to keep only records that have a value, add {{\"neq\": {{{}: null}}}} beside it in an `and`",
                    quote(field)
                ));
            }
            // The fix writes a date where the checker writes it bare: a JSON string.
            CheckError::NotADate { .. } | CheckError::DateFormMismatch { .. } => {
                error.fix = finding.fix().map(|fix| sift_syntax::Fix {
                    span: fix.span,
                    replacement: quote(&fix.replacement),
                });
            }
            CheckError::EmptyList { field, .. } => {
                error.help = Some(format!(
                    "list at least one value: {{\"in\": {{{}: [v1, v2]}}}}",
                    quote(field)
                ));
                error.expected = Some(String::from("a non-empty list of values"));
                error.found = Some(String::from("an empty list"));
            }
            // The checker's words serve the JSON as they are.
            CheckError::PathIntoScalar { .. }
            | CheckError::PathThroughArray { .. }
            | CheckError::SortThroughArray { .. }
            | CheckError::EntityNotSearchable { .. }
            | CheckError::StringComparison { .. }
            | CheckError::SemanticPrompt(..)
            | CheckError::SemanticField(..)
            | CheckError::SemanticNotConfigured(..)
            | CheckError::SemanticContextSize(..)
            | CheckError::SemanticMin(..)
            | CheckError::SemanticLimit(..)
            | CheckError::SemanticSort(..)
            | CheckError::UnsortableField { .. }
            | CheckError::LimitZero { .. }
            | CheckError::TooDeep { .. }
            | CheckError::MalformedTree { .. }
            | CheckError::UncheckedPath { .. }
            | CheckError::AmbiguousPath { .. }
            | CheckError::MixedAndOr { .. }
            | CheckError::Contradiction { .. }
            | CheckError::ReversedRange { .. }
            | CheckError::DuplicateField { .. }
            | CheckError::DuplicateSortKey { .. }
            | CheckError::RedundantCondition { .. }
            | CheckError::Tautology { .. }
            | CheckError::SingleValueIn { .. }
            | CheckError::DuplicateListValue { .. }
            | CheckError::NegationRewrite { .. }
            | CheckError::SortOnPinnedField { .. }
            | CheckError::TimeOnNonString { .. }
            | CheckError::TimeFinerThanDate { .. }
            | CheckError::TimeOutOfRange { .. }
            | CheckError::NoClock { .. }
            | CheckError::TimeFormatAssumed { .. } => {}
        }
    }

    fn unknown_field(&self, error: &mut Finding, span: Span, name: &str) {
        error.found = Some(quote(name));
        let Some(key) = self.key_at(span) else {
            return;
        };
        let Some(fields) = key.scope else {
            return;
        };
        let names = self.key_segments(key);
        let segments: Vec<&str> = names.iter().map(String::as_str).collect();
        let resolution = resolve_path(fields, &segments);
        let Outcome::Unknown { at, candidates, .. } = resolution.outcome else {
            return;
        };
        let wrong = segments.get(at).copied().unwrap_or(name);
        let names = candidates.iter().map(|f: &Field| f.name.as_str());
        let suggestions = suggest(wrong, names.clone());
        error.expected = Some(String::from("a field of the schema"));
        error.alternatives = if suggestions.is_empty() {
            names.take(12).map(str::to_owned).collect()
        } else {
            suggestions.iter().map(|s| (*s).to_owned()).collect()
        };
        if let [best] = suggestions.as_slice() {
            let mut fixed: Vec<&str> = segments.clone();
            if let Some(slot) = fixed.get_mut(at) {
                *slot = best;
            }
            let replacement = if key.member {
                quote(&fixed.join("."))
            } else {
                let keys: Vec<String> = fixed.iter().map(|k| quote(k)).collect();
                format!("[{}]", keys.join(","))
            };
            error.fix = Some(sift_syntax::Fix {
                span: key.span,
                replacement,
            });
        }
    }

    fn operator_mismatch(
        &self,
        error: &mut Finding,
        span: Span,
        field: &str,
        ty: &str,
        needs: &str,
        replacement: Option<OpKind>,
    ) {
        let Some(op) = self.op_at(span) else {
            return;
        };
        let json_op = op.op.as_ref();
        error.message = format!(
            "operator `{json_op}` does not apply to `{field}`: expected {needs}, found {} field",
            sift_check::with_article(ty)
        );
        error.label = format!("`{json_op}` on this `{ty}` field");
        error.expected = Some(needs.to_owned());
        error.found = Some(format!("{} field", sift_check::with_article(ty)));
        let Some(field_ty) = self.keys.get(op.key).and_then(|k| self.field_type(k)) else {
            return;
        };
        let valid = json_operators_for(field_ty, self.target);
        let mut help = if valid.is_empty() {
            format!("no operator applies to `{field}` itself (type `{ty}`)")
        } else {
            format!(
                "operators for `{ty}` on {}: {}",
                self.target,
                valid.join(", ")
            )
        };
        if json_op == "contains" && !self.target.has_literal_text_ops() {
            help.push_str(&format!(
                "; on {} `contains` tests membership in an array field; for a substring write {{\"like\": {{{}: \"%text%\"}}}}",
                self.target,
                quote(field)
            ));
        } else if field_ty.kinds.contains(&sift_schema::Kind::Object) {
            help.push_str(&format!(
                "; `{field}` is an object: filter on one of its properties, e.g. \"{field}.id\""
            ));
        }
        error.help = Some(help);
        error.alternatives = valid.iter().map(|v| (*v).to_owned()).collect();
        let keys = replacement.map(|kind| json_keys(kind, self.target));
        if let Some([key]) = keys.as_deref()
            && *key != "like"
        {
            error.fix = Some(sift_syntax::Fix {
                span,
                replacement: quote(key),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    /// A restated finding keeps the severity and the name of the phase that found it.
    #[test]
    fn restated_findings_keep_their_severity_and_name() {
        for finding in CheckError::iter() {
            let restated = JsonError::Check(Restated::new(&finding, Finding::default()));
            assert_eq!(restated.is_warning(), finding.is_warning(), "{restated:?}");
            let check = miette::Diagnostic::code(&finding).map(|c| c.to_string());
            assert_eq!(
                check
                    .as_deref()
                    .and_then(|c| c.strip_prefix("sift::check::")),
                Some(restated.name())
            );
        }
        for finding in LowerError::iter() {
            let restated = lower_code(&finding)(Finding::default());
            assert!(!restated.is_warning(), "{restated:?}");
        }
    }
}
