//! The expression walk: resolves every condition's field, checks operator and values against
//! its type, and builds the typed tree in the same pass.

mod arrays;
pub(crate) mod clauses;
pub(crate) mod dates;
pub(crate) mod lints;
pub(crate) mod paths;
pub(crate) mod semantic;
mod state;
pub(crate) mod time;

use std::borrow::Cow;
use std::collections::HashMap;

use sift_schema::{Kind, TimeFormat, Type};
use sift_syntax::ast::{CondId, Condition, ExprId, ExprKind, OpKind, Rhs, Tree, Value, ValueKind};
use sift_syntax::{Fix, Limits};

use crate::checker::paths::{PathUse, ResolvedPath, Scope, path_key};
use crate::error::CheckError;
use crate::semantic_lints::{is_one_sided, shares_a_field, shares_a_field_where};
use crate::suggest::{SuggestionIndex, sift_string, sift_value};
use crate::typed::{
    Comparison, Predicate, Scalar, SearchOp, TextOp, TypedCondition, TypedExpr, TypedKind,
    TypedText, TypedValue,
};
use crate::types::{
    coerced_value, compares_only_strings, describe_kinds, describe_value, is_null_test,
    operator_applies, operator_help, operator_needs, replacement_operator, value_fits, value_kinds,
};
pub(crate) use state::{ConditionTypes, Finished, TypeFacts};
use state::{Report, Times};

/// Collects diagnostics for one query. Its state is private to this module (the files below
/// it add the checks of clauses, paths, values and times); the crate drives it through
/// [`Checker::new`], the clause checks and [`Checker::finish`].
#[derive(Debug, Default)]
pub(crate) struct Checker {
    report: Report,
    times: Times,
    /// "Did you mean" indexes of the field lists asked about, by their names: built at the
    /// first unknown name of a scope, reused for the others.
    suggestion_indexes: HashMap<paths::NamesKey, SuggestionIndex>,
    /// What the semantic lints read of the declared type of each condition's field that
    /// checked, by the condition's id (they claim nothing about undeclared fields).
    condition_types: ConditionTypes,
}

impl Checker {
    /// A checker; relative times resolve against `clock`, or are an error without one.
    pub(crate) fn new(clock: Option<crate::Clock>) -> Self {
        Checker {
            times: Times {
                clock,
                ..Times::default()
            },
            ..Checker::default()
        }
    }

    /// Ends the check, handing over what it found.
    pub(crate) fn finish(&mut self) -> Finished {
        let report = std::mem::take(&mut self.report);
        Finished {
            diagnostics: report.diagnostics,
            errors: report.errors,
            condition_types: std::mem::take(&mut self.condition_types),
            resolved_times: std::mem::take(&mut self.times.resolved),
        }
    }

    /// The work the "did you mean" indexes did, and how many were built.
    #[cfg(test)]
    pub(crate) fn suggestion_work(&self) -> (u64, usize) {
        let work = self.suggestion_indexes.values().map(|i| i.work()).sum();
        (work, self.suggestion_indexes.len())
    }
}

impl Checker {
    /// True the first time a given unchecked path is seen in this query.
    pub(crate) fn first_unchecked(&mut self, path: String) -> bool {
        self.report.unchecked_warned.insert(path)
    }

    pub(crate) fn push(&mut self, diagnostic: CheckError) {
        if !diagnostic.is_warning() {
            self.report.errors += 1;
        }
        self.report.diagnostics.push(diagnostic);
    }

    /// Checks `expr` in `scope`. `None` when it (or something inside it) has an error; the walk
    /// still visits every part so that all errors are reported. `facts`: a lint may ask for the
    /// declared type of `expr` if it is a condition (see [`ConditionTypes`]).
    pub(crate) fn check_expr<'a, 'c>(
        &mut self,
        tree: &'a Tree<'a>,
        expr: ExprId,
        scope: &Scope<'c>,
        depth: usize,
        facts: bool,
    ) -> Option<TypedExpr<'a>> {
        if depth > Limits::DEPTH_CEILING {
            if !self.report.too_deep_reported {
                self.report.too_deep_reported = true;
                self.push(CheckError::TooDeep {
                    max: Limits::DEPTH_CEILING,
                    span: tree.span(expr),
                    help: String::from(
                        "split the filter into simpler parts or remove redundant parentheses",
                    ),
                });
            }
            return None;
        }
        let kind = match tree[expr] {
            ExprKind::And(children) => {
                let children = tree.children(children);
                // Contradictions relate two conditions on one field, as do the chain's
                // semantic lints: without two, neither they nor their facts are needed.
                let related = shares_a_field(tree, children);
                let typed = self.check_all(tree, children, scope, depth, related)?;
                if related {
                    self.lint_contradictions(&typed, tree, children);
                }
                TypedKind::And(typed)
            }
            ExprKind::Or(children) => {
                let children = tree.children(children);
                let mut typed = Vec::with_capacity(children.len());
                let mut ok = true;
                // Only the bounds of an `or` are related by type (see `lint_or_chain`).
                let facts = shares_a_field_where(tree, children, is_one_sided);
                for &child in children {
                    match self.check_expr(tree, child, scope, depth + 1, facts) {
                        Some(t) => {
                            if matches!(tree[child], ExprKind::And(_)) {
                                self.lint_mixed_and_or(tree, child);
                            }
                            typed.push(t);
                        }
                        None => ok = false,
                    }
                }
                if !ok {
                    return None;
                }
                TypedKind::Or(typed)
            }
            ExprKind::Not(inner) => TypedKind::Not(Box::new(self.check_expr(
                tree,
                inner,
                scope,
                depth + 1,
                true,
            )?)),
            // The typed tree keeps the grouping; the parentheses themselves are gone.
            ExprKind::Paren(inner) => {
                return self.check_expr(tree, inner, scope, depth + 1, facts);
            }
            ExprKind::Condition(condition) => {
                TypedKind::Condition(self.check_condition(tree, condition, scope, depth, facts)?)
            }
        };
        Some(TypedExpr {
            span: tree.span(expr),
            kind,
        })
    }

    fn check_all<'a, 'c>(
        &mut self,
        tree: &'a Tree<'a>,
        children: &[ExprId],
        scope: &Scope<'c>,
        depth: usize,
        facts: bool,
    ) -> Option<Vec<TypedExpr<'a>>> {
        let mut typed = Vec::with_capacity(children.len());
        let mut ok = true;
        for &child in children {
            match self.check_expr(tree, child, scope, depth + 1, facts) {
                Some(t) if ok => typed.push(t),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(typed)
    }

    // Kept out of line: inlined into the walk, it makes every level of the walk heavier.
    #[inline(never)]
    fn check_condition<'a, 'c>(
        &mut self,
        tree: &'a Tree<'a>,
        id: CondId,
        scope: &Scope<'c>,
        depth: usize,
        facts: bool,
    ) -> Option<TypedCondition<'a>> {
        let condition = &tree[id];
        let resolved = match scope.plain_field(&condition.field) {
            Some(field) => ResolvedPath::declared(field),
            None => self.resolve(&condition.field, scope, PathUse::Compared)?,
        };
        if !resolved.array_entries.is_empty() {
            self.condition_through_array(tree, condition, &resolved.array_entries, depth);
            return None;
        }
        let key = path_key(&condition.field);
        self.resolve_times(condition, &key, resolved.ty, resolved.format)
            .ok()?;
        let before = self.report.errors;
        let predicate = match resolved.ty {
            Some(ty) => self.check_typed(tree, condition, &key, (ty, resolved.format), depth)?,
            None => self.check_unchecked(tree, condition, &key, depth)?,
        };
        // `!=` and `not in` hold on a null field: `negated_nullable` reads their facts too.
        let negates = matches!(condition.op.kind, OpKind::Neq | OpKind::NotIn);
        if let (Some(ty), true, true) =
            (resolved.ty, facts || negates, self.report.errors == before)
        {
            self.condition_types.insert(tree, id, TypeFacts::of(ty));
        }
        if let (Some(_), Some(format @ (TimeFormat::Date | TimeFormat::DateTime)), true) =
            (resolved.ty, resolved.format, self.report.errors == before)
        {
            self.lint_dates(condition, &key, format);
        }
        (self.report.errors == before).then_some(TypedCondition {
            key,
            op_span: condition.op.span,
            predicate,
        })
    }

    /// A condition on a declared field: operator, then values.
    fn check_typed<'a>(
        &mut self,
        tree: &'a Tree<'a>,
        condition: &'a Condition<'a>,
        field: &str,
        (ty, format): (&Type, Option<TimeFormat>),
        depth: usize,
    ) -> Option<Predicate<'a>> {
        let unix = format == Some(TimeFormat::UnixTime);
        let op = condition.op.kind;
        if is_null_test(op) || is_null_value(&condition.rhs, op) {
            if !ty.nullable {
                // Sound to send: the API answers it (always false or always true).
                self.never_null(condition, field, ty);
            }
            // `is null` and `= null` apply to every nullable field, arrays and objects included.
            return self.predicate(condition, field, None, None);
        }
        if !operator_applies(op, ty) {
            let replacement = replacement_operator(op, ty).filter(|&new| match &condition.rhs {
                Rhs::Value(v) if new == OpKind::Has => !matches!(v.kind, ValueKind::Null),
                Rhs::Value(v) => value_fits(ty, new, &self.resolved(v).kind),
                _ => false,
            });
            let fix = replacement.map(|new| Fix {
                span: condition.op.span,
                replacement: new.as_str().to_owned(),
            });
            self.push(CheckError::OperatorTypeMismatch {
                field: field.to_owned(),
                ty: ty.to_string(),
                op: op.as_str(),
                needs: operator_needs(op),
                replacement,
                span: condition.op.span,
                help: operator_help(field, op, ty),
                fix,
            });
            return None;
        }
        let values_ok = match &condition.rhs {
            Rhs::Condition(inner) => {
                let element_scope = Scope::elements(field.to_owned(), Some(ty));
                let typed = self.check_expr(tree, *inner, &element_scope, depth + 1, false)?;
                return self.predicate(condition, field, Some(ty), Some(typed));
            }
            Rhs::Value(value) => {
                let value = self.resolved(value);
                let ok = self.check_value(field, (ty, unix), op, &value);
                if ok && op == OpKind::Like {
                    self.lint_like(condition, field, &value);
                }
                ok
            }
            Rhs::List(list) => {
                if list.items.is_empty() {
                    self.empty_list(field, op, list.span);
                    return None;
                }
                let mut ok = true;
                for item in &list.items {
                    let item = self.resolved(item);
                    ok &= self.check_value(field, (ty, unix), op, &item);
                }
                ok
            }
            Rhs::Range { low, high } => {
                let (low, high) = (self.resolved(low), self.resolved(high));
                let low_ok = self.check_value(field, (ty, unix), op, &low);
                let high_ok = self.check_value(field, (ty, unix), op, &high);
                if low_ok && high_ok {
                    self.lint_reversed_range(field, &low, &high);
                }
                low_ok && high_ok
            }
            Rhs::Nothing => true,
        };
        if !values_ok {
            return None;
        }
        self.predicate(condition, field, Some(ty), None)
    }

    /// A condition on a path the schema does not describe: only what holds for every type.
    fn check_unchecked<'a>(
        &mut self,
        tree: &'a Tree<'a>,
        condition: &'a Condition<'a>,
        field: &str,
        depth: usize,
    ) -> Option<Predicate<'a>> {
        let op = condition.op.kind;
        let inner = match &condition.rhs {
            Rhs::Condition(inner) => {
                let element_scope = Scope::elements(field.to_owned(), None);
                Some(self.check_expr(tree, *inner, &element_scope, depth + 1, false)?)
            }
            Rhs::Value(value) => {
                if op == OpKind::Like {
                    self.lint_like(condition, field, &self.resolved(value));
                }
                None
            }
            Rhs::List(list) if list.items.is_empty() => {
                self.empty_list(field, op, list.span);
                return None;
            }
            Rhs::Range { low, high } => {
                let (low, high) = (self.resolved(low), self.resolved(high));
                self.lint_reversed_range(field, &low, &high);
                None
            }
            Rhs::List(_) | Rhs::Nothing => None,
        };
        self.predicate(condition, field, None, inner)
    }

    /// Pairs the operator of `condition` with its right-hand side, whose values have been
    /// checked against `ty` (`None`: unchecked); `inner` is `any`'s checked condition. Reports
    /// a right-hand side that the operator does not take, which only a hand-built tree has,
    /// and a text operator given a value that is not text (possible on unchecked paths).
    fn predicate<'a>(
        &mut self,
        condition: &'a Condition<'a>,
        field: &str,
        ty: Option<&Type>,
        inner: Option<TypedExpr<'a>>,
    ) -> Option<Predicate<'a>> {
        let op = condition.op.kind;
        let predicate = match (op, &condition.rhs) {
            (OpKind::IsNull, Rhs::Nothing) => Predicate::IsNull,
            (OpKind::IsNotNull, Rhs::Nothing) => Predicate::IsNotNull,
            (OpKind::Any, Rhs::Condition(_)) => Predicate::Any(Box::new(inner?)),
            (OpKind::In, Rhs::List(list)) => {
                Predicate::In(self.typed_values(ty, op, &list.items)?)
            }
            (OpKind::NotIn, Rhs::List(list)) => {
                Predicate::NotIn(self.typed_values(ty, op, &list.items)?)
            }
            (OpKind::Between, Rhs::Range { low, high }) => {
                let low = self.typed_value(ty, op, low);
                let high = self.typed_value(ty, op, high);
                Predicate::Between {
                    low: Box::new(low?),
                    high: Box::new(high?),
                }
            }
            (OpKind::Has, Rhs::Value(v)) => Predicate::Has(self.typed_value(ty, op, v)?),
            (_, Rhs::Value(v)) => {
                if let Some(comparison) = Comparison::of(op) {
                    Predicate::Compare(comparison, self.typed_value(ty, op, v)?)
                } else if let Some(search) = SearchOp::of(op) {
                    Predicate::Search(search, self.typed_value(ty, op, v)?)
                } else if let Some(text_op) = TextOp::of(op) {
                    Predicate::Text(text_op, self.typed_text(field, op, v)?)
                } else {
                    return self.malformed(condition);
                }
            }
            _ => return self.malformed(condition),
        };
        Some(predicate)
    }

    fn malformed<T>(&mut self, condition: &Condition<'_>) -> Option<T> {
        let shape = match &condition.rhs {
            Rhs::Value(_) => "one value",
            Rhs::List(_) => "a list",
            Rhs::Range { .. } => "a range",
            Rhs::Condition(_) => "a condition",
            Rhs::Nothing => "nothing",
        };
        self.push(CheckError::MalformedTree {
            problem: format!("`{}` with {shape} on its right", condition.op.kind.as_str()),
            span: condition.span,
        });
        None
    }

    fn typed_values<'a>(
        &mut self,
        ty: Option<&Type>,
        op: OpKind,
        values: &'a [Value<'a>],
    ) -> Option<Vec<TypedValue<'a>>> {
        let typed: Vec<Option<TypedValue<'a>>> =
            values.iter().map(|v| self.typed_value(ty, op, v)).collect();
        typed.into_iter().collect()
    }

    /// `value` as the condition sends it: a number compared with a string field becomes a
    /// string (warned about by `check_value`).
    fn typed_value<'a>(
        &mut self,
        ty: Option<&Type>,
        op: OpKind,
        value: &'a Value<'a>,
    ) -> Option<TypedValue<'a>> {
        // A relative time resolves to a date, never to a number: its text is not compared.
        if let Some(text) = ty.and_then(|ty| compared_as_text(ty, op, value)) {
            return Some(TypedValue {
                span: value.span,
                scalar: Scalar::String(Cow::Owned(text)),
            });
        }
        let scalar = match &value.kind {
            ValueKind::Relative(_) => self.times.value(value.span).and_then(Scalar::of_resolved),
            // On a Unix-time field a date is sent as its seconds.
            ValueKind::Date(_) | ValueKind::DateTime(_) if !self.times.values.is_empty() => {
                match self.times.value(value.span) {
                    Some(resolved) => Scalar::of_resolved(resolved),
                    None => Scalar::of(&value.kind),
                }
            }
            _ => Scalar::of(&value.kind),
        };
        if scalar.is_none() {
            let problem = match &value.kind {
                ValueKind::Relative(time) => format!("the relative time `{time}` was not resolved"),
                other => format!("`{}` is not a JSON number", describe_value(other)),
            };
            self.push(CheckError::MalformedTree {
                problem,
                span: value.span,
            });
        }
        Some(TypedValue {
            span: value.span,
            scalar: scalar?,
        })
    }

    /// The text operand of `like`, `contains`, `startswith` or `endswith`. A declared field's
    /// type has already refused other values; an unchecked path's value is refused here.
    fn typed_text<'a>(
        &mut self,
        field: &str,
        op: OpKind,
        value: &'a Value<'a>,
    ) -> Option<TypedText<'a>> {
        let text = match &value.kind {
            ValueKind::String(text) | ValueKind::Date(text) | ValueKind::DateTime(text) => {
                Some(Cow::Borrowed(&**text))
            }
            ValueKind::Relative(_) => match self.times.value(value.span) {
                Some(ValueKind::Date(text) | ValueKind::DateTime(text)) => {
                    Some(Cow::Owned(text.to_string()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(text) = text {
            return Some(TypedText {
                span: value.span,
                text,
            });
        }
        let literal = sift_value(value);
        let quoted = sift_string(&literal);
        self.push(CheckError::ValueTypeMismatch {
            field: field.to_owned(),
            ty: String::from("unknown"),
            expected: String::from("a string"),
            found: describe_value(&value.kind),
            span: value.span,
            help: format!(
                "`{}` compares text: write the value as a string, {quoted}",
                op.as_str()
            ),
            fix: Some(Fix {
                span: value.span,
                replacement: quoted,
            }),
        });
        None
    }

    /// Checks one value against the field's type for `op` (`unix`: the field holds Unix
    /// seconds); reports and returns false if it does not fit.
    fn check_value(
        &mut self,
        field: &str,
        (ty, unix): (&Type, bool),
        op: OpKind,
        value: &Value<'_>,
    ) -> bool {
        let null = matches!(value.kind, ValueKind::Null);
        if null && matches!(op, OpKind::Eq | OpKind::Neq) && ty.nullable {
            return true;
        }
        if !null && (op == OpKind::Has || value_fits(ty, op, &value.kind)) {
            return true;
        }
        let kinds = value_kinds(ty, op);
        if let Some(text) = compared_as_text(ty, op, value) {
            self.push(CheckError::StringComparison {
                field: field.to_owned(),
                op: op.as_str(),
                found: format!("the number {text}"),
                span: value.span,
                help: format!(
                    "the API compares strings character by character (`\"9\" > \"10\"` holds), so sift sends {quoted}: write {quoted} to say so, or filter on a numeric field",
                    quoted = sift_string(&text)
                ),
                fix: Some(Fix {
                    span: value.span,
                    replacement: sift_string(&text),
                }),
            });
            return true;
        }
        let expected = if op == OpKind::Has {
            String::from("a value to look for in the array")
        } else {
            describe_kinds(&kinds)
        };
        let found = describe_value(&value.kind);
        // A Unix-time field takes a date written bare; another integer field its seconds.
        let bare_date = match &value.kind {
            ValueKind::String(text) if unix && sift_syntax::date_form(text).is_ok() => {
                Some(text.to_string())
            }
            _ => None,
        };
        let replacement = coerced_value(&kinds, &value.kind)
            .or_else(|| bare_date.clone())
            .or_else(|| epoch_seconds(&kinds, &value.kind));
        let help = match &bare_date {
            Some(date) => format!(
                "`{field}` counts seconds since 1970-01-01T00:00:00Z and takes a date or date-time written without quotes: `{date}`"
            ),
            None => value_help(
                field,
                op,
                (&kinds, ty.nullable),
                &value.kind,
                replacement.as_deref(),
                &expected,
            ),
        };
        self.push(CheckError::ValueTypeMismatch {
            field: field.to_owned(),
            ty: ty.to_string(),
            expected,
            found,
            span: value.span,
            help,
            fix: replacement.map(|replacement| Fix {
                span: value.span,
                replacement,
            }),
        });
        false
    }

    fn never_null(&mut self, condition: &Condition<'_>, field: &str, ty: &Type) {
        let op = condition.op.kind;
        let test = match op {
            OpKind::IsNull | OpKind::IsNotNull => op.as_str().to_owned(),
            _ => format!("{} null", op.as_str()),
        };
        let always_true = matches!(op, OpKind::IsNotNull | OpKind::Neq);
        // Said of the condition, not the query: inside an `or` the query may match plenty.
        let help = if always_true {
            format!(
                "the schema declares `{field}` not nullable, so `{field} {test}` holds for every record and filters nothing: drop it. Null tests are for nullable fields"
            )
        } else {
            format!(
                "the schema declares `{field}` not nullable, so `{field} {test}` matches no record: drop the condition, or compare `{field}` with a value"
            )
        };
        self.push(CheckError::NeverNull {
            field: field.to_owned(),
            ty: ty.to_string(),
            test,
            always: if always_true {
                "always true"
            } else {
                "always false"
            },
            negated: always_true,
            span: condition.span,
            help,
            fix: None,
        });
    }

    fn empty_list(&mut self, field: &str, op: OpKind, span: sift_syntax::Span) {
        let help = if op == OpKind::NotIn {
            format!(
                "`{field} not in []` holds for every record: list the values to exclude, or drop the condition"
            )
        } else {
            format!(
                "`{field} in []` matches nothing: list at least one value, e.g. `{field} in [v1, v2]`"
            )
        };
        self.push(CheckError::EmptyList {
            field: field.to_owned(),
            op: op.as_str(),
            span,
            help,
        });
    }
}

/// `= null` / `!= null`.
fn is_null_value(rhs: &Rhs<'_>, op: OpKind) -> bool {
    matches!(op, OpKind::Eq | OpKind::Neq)
        && matches!(
            rhs,
            Rhs::Value(Value {
                kind: ValueKind::Null,
                ..
            })
        )
}

/// The text of a number that an ordering operator compares with a string-only field: the API
/// compares it as a string, so sift sends it as one (with a warning).
#[inline]
fn compared_as_text(ty: &Type, op: OpKind, value: &Value<'_>) -> Option<String> {
    let ordering = matches!(
        op,
        OpKind::Lt | OpKind::Lte | OpKind::Gt | OpKind::Gte | OpKind::Between
    );
    let number = matches!(value.kind, ValueKind::Integer(_) | ValueKind::Decimal(_));
    if !ordering || !number || !compares_only_strings(ty, op) {
        return None;
    }
    match &value.kind {
        ValueKind::Integer(n) => Some(n.to_string()),
        ValueKind::Decimal(d) => Some(d.to_string()),
        _ => None,
    }
}

/// A date or date-time as Unix seconds, for an integer field holding timestamps.
fn epoch_seconds(kinds: &[Kind], value: &ValueKind<'_>) -> Option<String> {
    if !kinds.contains(&Kind::Integer) {
        return None;
    }
    let timestamp = match value {
        ValueKind::Date(d) => d
            .parse::<jiff::civil::Date>()
            .ok()?
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp(),
        ValueKind::DateTime(d) => d.parse::<jiff::Timestamp>().ok()?,
        _ => return None,
    };
    Some(timestamp.as_second().to_string())
}

fn value_help(
    field: &str,
    op: OpKind,
    (kinds, nullable): (&[Kind], bool),
    value: &ValueKind<'_>,
    replacement: Option<&str>,
    expected: &str,
) -> String {
    let in_list = matches!(op, OpKind::In | OpKind::NotIn);
    match (value, replacement) {
        (ValueKind::Null, _) if in_list && !nullable => {
            format!(
                "lists hold values only, and `{field}` is never null: remove `null` from the list"
            )
        }
        (ValueKind::Null, _) if in_list => format!(
            "lists hold values only; to also match records without `{field}`, write `({field} {} [...] or {field} is null)`",
            op.as_str()
        ),
        (ValueKind::Null, _) if op == OpKind::Has => {
            format!(
                "`has` looks for a value; to test whether `{field}` itself is missing use `{field} is null`"
            )
        }
        (ValueKind::Null, _) => format!(
            "`null` is not {expected}; to test whether `{field}` is missing use `{field} is null`"
        ),
        (ValueKind::String(_), Some(fixed)) => {
            format!("remove the quotes: `{fixed}`; `{field}` holds {expected}")
        }
        (ValueKind::Integer(_), Some(fixed)) if kinds.contains(&Kind::Boolean) => {
            format!("booleans are written `true` and `false`: `{fixed}`")
        }
        (ValueKind::Decimal(_), Some(fixed)) if kinds.contains(&Kind::Integer) => {
            format!("this decimal is a whole number: write `{fixed}`")
        }
        (ValueKind::Date(d) | ValueKind::DateTime(d), Some(seconds))
            if kinds.contains(&Kind::Integer) =>
        {
            format!(
                "`{field}` holds an integer, not a date; if it is a Unix timestamp it counts seconds since 1970-01-01T00:00:00Z, and {d} is `{seconds}`{}; declaring `format: unix-time` for `{field}` in the connector spec lets dates compare with it as written",
                if matches!(value, ValueKind::Date(_)) {
                    " (midnight UTC)"
                } else {
                    ""
                }
            )
        }
        (_, Some(fixed)) => format!("`{field}` holds {expected}: write `{fixed}`"),
        (ValueKind::Decimal(d), None) if kinds.contains(&Kind::Integer) => format!(
            "`{field}` holds whole numbers, so {d} can never match it exactly; use an integer, or a range such as `{field} >= …`"
        ),
        (ValueKind::Date(_) | ValueKind::DateTime(_), None) => {
            format!("dates are strings, but `{field}` holds {expected}")
        }
        _ => format!("`{field}` holds {expected}"),
    }
}
