//! Typed query → wire model, for one target.

use std::borrow::Cow;

use sift_check::{
    Comparison, Predicate, SearchOp, TextOp, TypedCondition, TypedExpr, TypedKind, TypedQuery,
    TypedText, TypedValue,
};
use sift_syntax::{Fix, Limits};

use crate::error::{no_like_help, no_semantic_help, wildcard_help};
use crate::wire::{
    Condition, FieldOp, Output, Params, Query, Request, Scalar, Semantic, SortKey, write_any,
    write_chain, write_not,
};
use crate::{Emit, LowerError, Target};

/// The deepest `and`/`or`/`not`/`any` nesting lowered. The parser already stops at
/// `Limits::effective_depth()`, which never exceeds this; the guard keeps hand-built trees from
/// exhausting the stack.
const MAX_DEPTH: usize = Limits::DEPTH_CEILING;

/// Lowers `query` for `target` into the wire model of the `emit` form. Collects every error of
/// the query rather than stopping at the first.
pub fn lower<'q>(
    query: &'q TypedQuery<'_>,
    target: Target,
    emit: Emit,
) -> Result<Output<'q>, Vec<LowerError>> {
    let mut lowerer = Lowerer {
        target,
        errors: Vec::new(),
    };
    let filter = query.filter.as_ref().map(|f| lowerer.expr(f, 0));
    lowerer.check_form(query, emit);
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
    match (emit, filter) {
        (Emit::Filter, Some(condition)) => Ok(Output::Filter(condition)),
        // Reported by `check_form`.
        (Emit::Filter, None) => Err(vec![LowerError::NoFilter { span: query.span }]),
        (emit, filter) => Ok(frame(query, target, emit, filter)),
    }
}

/// Lowers `query` and writes it as compact JSON text: the same as [`lower`] then
/// [`Output::to_json`], but the filter is written as it is lowered, into one buffer, with no
/// model built for it.
pub fn lower_to_string(
    query: &TypedQuery<'_>,
    target: Target,
    emit: Emit,
) -> Result<String, Vec<LowerError>> {
    let mut lowerer = Lowerer {
        target,
        errors: Vec::new(),
    };
    // JSON text is about one and a half times the sift text it comes from.
    let mut out = String::with_capacity(query.span.len().saturating_mul(2).saturating_add(64));
    if let Some(filter) = &query.filter {
        let mut write_filter = |out: &mut String| lowerer.write_expr(filter, 0, out);
        match emit {
            Emit::Filter => write_filter(&mut out),
            _ => frame(query, target, emit, None).write_with(&mut out, Some(&mut write_filter)),
        }
    } else if emit != Emit::Filter {
        frame(query, target, emit, None).write_with(&mut out, None);
    }
    lowerer.check_form(query, emit);
    if lowerer.errors.is_empty() {
        Ok(out)
    } else {
        Err(lowerer.errors)
    }
}

/// The output of a form other than `filter` around `filter`: query, params or request.
fn frame<'q>(
    query: &'q TypedQuery<'_>,
    target: Target,
    emit: Emit,
    filter: Option<Condition<'q>>,
) -> Output<'q> {
    let build_query = |filter| Query {
        filter,
        sort: query
            .sort
            .iter()
            .map(|s| SortKey {
                key: &s.key,
                direction: s.direction,
            })
            .collect(),
    };
    let build_params = |filter| {
        let (semantic, query_part) = match &query.semantic {
            Some(semantic) => (
                Some(Semantic {
                    prompt: &semantic.prompt,
                    field: semantic.field.as_deref(),
                    filter,
                    min_similarity: semantic.min.as_ref().map(scalar),
                }),
                None,
            ),
            None => (None, Some(build_query(filter))),
        };
        Params {
            semantic,
            query: query_part,
            limit: query.limit,
            fields: query
                .fields
                .iter()
                .map(|path| path.iter().map(|k| k.as_ref()).collect())
                .collect(),
        }
    };
    match emit {
        Emit::Query | Emit::Filter => Output::Query(build_query(filter)),
        Emit::Params => Output::Params(build_params(filter)),
        Emit::Request => Output::Request(Request {
            entity: &query.entity,
            action: target.action(),
            params: build_params(filter),
        }),
    }
}

struct Lowerer {
    target: Target,
    errors: Vec<LowerError>,
}

/// Stands in for a condition that failed to lower; never serialised (errors win).
const PLACEHOLDER: Condition<'static> = Condition::And(Vec::new());

impl Lowerer {
    /// What the target and the form cannot express of the query as a whole: semantic search
    /// (on a target without it, or outside `params`), or no filter for the `filter` form.
    fn check_form(&mut self, query: &TypedQuery<'_>, emit: Emit) {
        let target = self.target;
        if let Some(semantic) = &query.semantic {
            if !target.has_semantic() {
                self.errors.push(LowerError::NoSemanticOnTarget {
                    span: semantic.span,
                    target,
                    help: no_semantic_help(),
                });
            }
            if matches!(emit, Emit::Filter | Emit::Query) {
                self.errors.push(LowerError::SemanticNeedsParams {
                    span: semantic.span,
                    emit: emit.as_str(),
                });
            }
        } else if emit == Emit::Filter && query.filter.is_none() {
            self.errors.push(LowerError::NoFilter { span: query.span });
        }
    }

    /// [`Lowerer::expr`], written to `out` as it is lowered (`any` included), each leaf
    /// condition through [`Lowerer::condition`].
    fn write_expr(&mut self, expr: &TypedExpr<'_>, depth: usize, out: &mut String) {
        if depth >= MAX_DEPTH {
            self.errors.push(LowerError::TooDeep {
                span: expr.span,
                limit: MAX_DEPTH,
            });
            return;
        }
        match &expr.kind {
            TypedKind::And(all) => {
                write_chain("and", all, out, |e, out| self.write_expr(e, depth + 1, out));
            }
            TypedKind::Or(any) => {
                write_chain("or", any, out, |e, out| self.write_expr(e, depth + 1, out));
            }
            TypedKind::Not(inner) => write_not(out, |out| self.write_expr(inner, depth + 1, out)),
            TypedKind::Condition(TypedCondition {
                key,
                predicate: Predicate::Any(inner),
                ..
            }) => write_any(key, out, |out| self.write_expr(inner, depth + 1, out)),
            TypedKind::Condition(condition) => self.condition(condition, depth).write(out),
        }
    }

    fn expr<'q>(&mut self, expr: &'q TypedExpr<'_>, depth: usize) -> Condition<'q> {
        if depth >= MAX_DEPTH {
            self.errors.push(LowerError::TooDeep {
                span: expr.span,
                limit: MAX_DEPTH,
            });
            return PLACEHOLDER;
        }
        match &expr.kind {
            TypedKind::And(all) => Condition::And(self.exprs(all, depth)),
            TypedKind::Or(any) => Condition::Or(self.exprs(any, depth)),
            TypedKind::Not(inner) => Condition::Not(Box::new(self.expr(inner, depth + 1))),
            TypedKind::Condition(condition) => self.condition(condition, depth),
        }
    }

    fn exprs<'q>(&mut self, exprs: &'q [TypedExpr<'_>], depth: usize) -> Vec<Condition<'q>> {
        exprs.iter().map(|e| self.expr(e, depth + 1)).collect()
    }

    fn condition<'q>(&mut self, c: &'q TypedCondition<'_>, depth: usize) -> Condition<'q> {
        let key: &'q str = &c.key;
        let field = |op, value| Condition::Field { op, key, value };
        match &c.predicate {
            Predicate::Compare(comparison, v) => {
                let op = match comparison {
                    Comparison::Eq => FieldOp::Eq,
                    Comparison::Neq => FieldOp::Neq,
                    Comparison::Lt => FieldOp::Lt,
                    Comparison::Lte => FieldOp::Lte,
                    Comparison::Gt => FieldOp::Gt,
                    Comparison::Gte => FieldOp::Gte,
                };
                field(op, scalar(v))
            }
            Predicate::Search(SearchOp::Fuzzy, v) => field(FieldOp::Fuzzy, scalar(v)),
            Predicate::Search(SearchOp::Keyword, v) => field(FieldOp::Keyword, scalar(v)),
            Predicate::In(values) => Condition::In {
                key,
                values: values.iter().map(scalar).collect(),
            },
            Predicate::NotIn(values) => Condition::Not(Box::new(Condition::In {
                key,
                values: values.iter().map(scalar).collect(),
            })),
            Predicate::IsNull => field(FieldOp::Eq, Scalar::Null),
            Predicate::IsNotNull => field(FieldOp::Neq, Scalar::Null),
            Predicate::Between { low, high } => Condition::And(vec![
                field(FieldOp::Gte, scalar(low)),
                field(FieldOp::Lte, scalar(high)),
            ]),
            Predicate::Has(v) => {
                let op = if self.target.has_literal_text_ops() {
                    FieldOp::ArrayContains
                } else {
                    FieldOp::Contains
                };
                field(op, scalar(v))
            }
            Predicate::Any(inner) => Condition::Any {
                key,
                condition: Box::new(self.expr(inner, depth + 1)),
            },
            Predicate::Text(op, text) => {
                match self.target.key_of(op.op()).and_then(FieldOp::of_key) {
                    Some(written) => field(written, Scalar::String(Cow::Borrowed(&text.text))),
                    None if *op == TextOp::Like => self.like(c, key, text),
                    None => self.literal_text(*op, key, text),
                }
            }
        }
    }

    /// `like` where the target has no `like` key (2026-10): a plain prefix, suffix or
    /// substring pattern becomes the literal operator, anything else is an error.
    fn like<'q>(
        &mut self,
        c: &TypedCondition<'_>,
        key: &'q str,
        pattern: &'q TypedText<'_>,
    ) -> Condition<'q> {
        let pattern: &'q str = &pattern.text;
        if let Some((op, literal)) = like_as_literal(pattern) {
            return Condition::Field {
                op,
                key,
                value: Scalar::String(Cow::Borrowed(literal)),
            };
        }
        let fix = (!pattern.contains(['%', '_'])).then(|| Fix {
            span: c.op_span,
            replacement: "=".to_owned(),
        });
        self.errors.push(LowerError::NoLikeOnTarget {
            span: c.op_span,
            target: self.target,
            pattern: pattern.to_owned(),
            help: no_like_help(self.target, pattern),
            fix,
        });
        PLACEHOLDER
    }

    /// `contains`/`startswith`/`endswith` where the target has no literal key for them (before
    /// 2026-10): `like` patterns, where a `%` or `_` in the text cannot be expressed.
    fn literal_text<'q>(
        &mut self,
        op: TextOp,
        key: &'q str,
        text: &TypedText<'_>,
    ) -> Condition<'q> {
        let op_name = op.op().as_str();
        let TypedText { span, text } = text;
        let span = *span;
        if let Some(character) = text.chars().find(|ch| matches!(ch, '%' | '_')) {
            self.errors.push(LowerError::WildcardInLiteral {
                span,
                op: op_name,
                character,
                target: self.target,
                help: wildcard_help(self.target, character),
            });
            return PLACEHOLDER;
        }
        let pattern = match op {
            TextOp::Contains => format!("%{text}%"),
            TextOp::StartsWith => format!("{text}%"),
            TextOp::EndsWith | TextOp::Like => format!("%{text}"),
        };
        Condition::Field {
            op: FieldOp::Like,
            key,
            value: Scalar::String(Cow::Owned(pattern)),
        }
    }
}

/// A checked value as the wire writes it: dates and date-times are strings.
fn scalar<'q>(value: &'q TypedValue<'_>) -> Scalar<'q> {
    match &value.scalar {
        sift_check::Scalar::Null => Scalar::Null,
        sift_check::Scalar::Bool(b) => Scalar::Bool(*b),
        sift_check::Scalar::Integer(i) => Scalar::Integer(*i),
        sift_check::Scalar::Number(n) => Scalar::Decimal(*n),
        sift_check::Scalar::String(s) => Scalar::String(Cow::Borrowed(s)),
        sift_check::Scalar::Date(s) | sift_check::Scalar::DateTime(s) => {
            Scalar::String(Cow::Borrowed(&**s))
        }
    }
}

/// The literal operator a `like` pattern means when it is `x%`, `%x` or `%x%` with a
/// non-empty `x` free of wildcards (`%` and `_`).
pub fn like_as_literal(pattern: &str) -> Option<(FieldOp, &str)> {
    let literal = |s: &str| !s.is_empty() && !s.contains(['%', '_']);
    if let Some(inner) = pattern.strip_prefix('%').and_then(|r| r.strip_suffix('%')) {
        return literal(inner).then_some((FieldOp::Contains, inner));
    }
    if let Some(prefix) = pattern.strip_suffix('%') {
        return literal(prefix).then_some((FieldOp::StartsWith, prefix));
    }
    if let Some(suffix) = pattern.strip_prefix('%') {
        return literal(suffix).then_some((FieldOp::EndsWith, suffix));
    }
    None
}
