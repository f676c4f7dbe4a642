//! Typed query → wire model, for one target.

use std::borrow::Cow;

use sift_check::{TypedCondition, TypedExpr, TypedKind, TypedQuery, TypedRhs};
use sift_syntax::ast::{OpKind, Value, ValueKind};
use sift_syntax::{Fix, Limits};

use crate::error::{no_like_help, no_semantic_help, wildcard_help};
use crate::wire::{
    Condition, Decimal, FieldOp, Output, Params, Query, Request, Scalar, Semantic, SortKey,
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
    if let Some(semantic) = &query.semantic {
        if !target.has_semantic() {
            lowerer.errors.push(LowerError::NoSemanticOnTarget {
                span: semantic.span,
                target,
                help: no_semantic_help(),
            });
        }
        if matches!(emit, Emit::Filter | Emit::Query) {
            lowerer.errors.push(LowerError::SemanticNeedsParams {
                span: semantic.span,
                emit: emit.as_str(),
            });
        }
    } else if emit == Emit::Filter && filter.is_none() {
        lowerer
            .errors
            .push(LowerError::NoFilter { span: query.span });
    }
    let min_similarity = query
        .semantic
        .as_ref()
        .and_then(|s| s.min.as_ref())
        .map(|min| lowerer.scalar(min));
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
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
                    min_similarity,
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
    Ok(match (emit, filter) {
        (Emit::Filter, Some(condition)) => Output::Filter(condition),
        // Reported as `NoFilter` above.
        (Emit::Filter, None) => return Err(vec![LowerError::NoFilter { span: query.span }]),
        (Emit::Query, filter) => Output::Query(build_query(filter)),
        (Emit::Params, filter) => Output::Params(build_params(filter)),
        (Emit::Request, filter) => Output::Request(Request {
            entity: &query.entity,
            action: target.action(),
            params: build_params(filter),
        }),
    })
}

/// Lowers `query` and writes it as compact JSON text.
pub fn lower_to_string(
    query: &TypedQuery<'_>,
    target: Target,
    emit: Emit,
) -> Result<String, Vec<LowerError>> {
    let output = lower(query, target, emit)?;
    output.to_json().map_err(|e| {
        vec![LowerError::Serialize {
            span: query.span,
            message: e.to_string(),
        }]
    })
}

struct Lowerer {
    target: Target,
    errors: Vec<LowerError>,
}

/// Stands in for a condition that failed to lower; never serialised (errors win).
const PLACEHOLDER: Condition<'static> = Condition::And(Vec::new());

impl Lowerer {
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
        let op = c.op.kind;
        match (op, &c.rhs) {
            (OpKind::In, TypedRhs::List(values)) => Condition::In {
                key,
                values: values.iter().map(|v| self.scalar(v)).collect(),
            },
            (OpKind::NotIn, TypedRhs::List(values)) => Condition::Not(Box::new(Condition::In {
                key,
                values: values.iter().map(|v| self.scalar(v)).collect(),
            })),
            (OpKind::IsNull, TypedRhs::Nothing) => field(FieldOp::Eq, Scalar::Null),
            (OpKind::IsNotNull, TypedRhs::Nothing) => field(FieldOp::Neq, Scalar::Null),
            (OpKind::Between, TypedRhs::Range { low, high }) => Condition::And(vec![
                field(FieldOp::Gte, self.scalar(low)),
                field(FieldOp::Lte, self.scalar(high)),
            ]),
            (OpKind::Any, TypedRhs::Condition(inner)) => Condition::Any {
                key,
                condition: Box::new(self.expr(inner, depth + 1)),
            },
            (_, TypedRhs::Value(v)) => match self.target.key_of(op).and_then(FieldOp::of_key) {
                Some(written) => field(written, self.scalar(v)),
                None if op == OpKind::Like => self.like(c, key, v),
                None if matches!(op, OpKind::Contains | OpKind::StartsWith | OpKind::EndsWith) => {
                    self.literal_text(c, key, v)
                }
                None => self.malformed(c),
            },
            _ => self.malformed(c),
        }
    }

    /// `like` where the target has no `like` key (2026-10): a plain prefix, suffix or
    /// substring pattern becomes the literal operator, anything else is an error.
    fn like<'q>(
        &mut self,
        c: &TypedCondition<'_>,
        key: &'q str,
        v: &'q Value<'_>,
    ) -> Condition<'q> {
        let ValueKind::String(pattern) = &v.kind else {
            return self.malformed(c);
        };
        let pattern: &'q str = pattern;
        if let Some((op, literal)) = like_as_literal(pattern) {
            return Condition::Field {
                op,
                key,
                value: Scalar::String(Cow::Borrowed(literal)),
            };
        }
        let fix = (!pattern.contains(['%', '_'])).then(|| Fix {
            span: c.op.span,
            replacement: "=".to_owned(),
        });
        self.errors.push(LowerError::NoLikeOnTarget {
            span: c.op.span,
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
        c: &TypedCondition<'_>,
        key: &'q str,
        v: &'q Value<'_>,
    ) -> Condition<'q> {
        let op_name = c.op.kind.as_str();
        let ValueKind::String(text) = &v.kind else {
            return self.malformed(c);
        };
        if let Some(character) = text.chars().find(|ch| matches!(ch, '%' | '_')) {
            self.errors.push(LowerError::WildcardInLiteral {
                span: v.span,
                op: op_name,
                character,
                target: self.target,
                help: wildcard_help(self.target, character),
            });
            return PLACEHOLDER;
        }
        let pattern = match c.op.kind {
            OpKind::Contains => format!("%{text}%"),
            OpKind::StartsWith => format!("{text}%"),
            _ => format!("%{text}"),
        };
        Condition::Field {
            op: FieldOp::Like,
            key,
            value: Scalar::String(Cow::Owned(pattern)),
        }
    }

    fn malformed(&mut self, c: &TypedCondition<'_>) -> Condition<'static> {
        self.errors.push(LowerError::MalformedCondition {
            span: c.span,
            op: c.op.kind.as_str(),
        });
        PLACEHOLDER
    }

    fn scalar<'q>(&mut self, value: &'q Value<'_>) -> Scalar<'q> {
        match &value.kind {
            ValueKind::String(s) | ValueKind::Date(s) | ValueKind::DateTime(s) => {
                Scalar::String(Cow::Borrowed(s))
            }
            ValueKind::Integer(i) => Scalar::Integer(*i),
            ValueKind::Decimal(text) => match Decimal::new(text) {
                Some(d) => Scalar::Decimal(d),
                None => {
                    self.errors.push(LowerError::InvalidNumber {
                        span: value.span,
                        text: text.to_string(),
                    });
                    Scalar::Null
                }
            },
            ValueKind::Bool(b) => Scalar::Bool(*b),
            ValueKind::Null => Scalar::Null,
            ValueKind::Relative(time) => {
                self.errors.push(LowerError::UnresolvedTime {
                    span: value.span,
                    time: time.to_string(),
                });
                Scalar::Null
            }
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
