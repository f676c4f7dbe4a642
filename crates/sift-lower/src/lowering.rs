//! Typed query → wire JSON (or the wire model), for one target.

use std::sync::OnceLock;

use sift_check::{
    Comparison, Predicate, SearchOp, TextOp, TypedCondition, TypedExpr, TypedKind, TypedQuery,
    TypedText,
};
use sift_syntax::Limits;
use sift_syntax::ast::OpKind;

use crate::error::{no_like_help, no_semantic_help, wildcard_help};
use crate::sink::{Discard, Model, Operand, Sink, Text, scalar};
use crate::wire::{
    Condition, Connective, FieldOp, Output, Params, Query, Request, Semantic, SortKey,
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
    let mut lowerer = Lowerer::new(target);
    let filter = query
        .filter
        .as_ref()
        .map(|f| lowerer.expr(f, 0, &mut Model));
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
/// [`Output::to_json`] (the same walk decides both), but the filter is written as it is
/// lowered, into one buffer, with no model built for it.
pub fn lower_to_string(
    query: &TypedQuery<'_>,
    target: Target,
    emit: Emit,
) -> Result<String, Vec<LowerError>> {
    let mut lowerer = Lowerer::new(target);
    // JSON text is about one and a half times the sift text it comes from.
    let mut out = String::with_capacity(query.span.len().saturating_mul(2).saturating_add(64));
    match (&query.filter, emit) {
        (Some(filter), Emit::Filter) => lowerer.expr(filter, 0, &mut Text { out: &mut out }),
        // Reported by `check_form`.
        (None, Emit::Filter) => {}
        (Some(filter), emit) => frame(query, target, emit, None).write_with(
            &mut out,
            Some(&mut |out: &mut String| lowerer.expr(filter, 0, &mut Text { out })),
        ),
        (None, emit) => frame(query, target, emit, None).write_with(&mut out, None),
    }
    lowerer.check_form(query, emit);
    if lowerer.errors.is_empty() {
        Ok(out)
    } else {
        Err(lowerer.errors)
    }
}

/// Lowers `query` and keeps nothing: the errors [`lower`] and [`lower_to_string`] report
/// (empty when it lowers), from the same walk, with no output written. What a check needs.
pub fn lowering_errors(query: &TypedQuery<'_>, target: Target, emit: Emit) -> Vec<LowerError> {
    let mut lowerer = Lowerer::new(target);
    if let Some(filter) = &query.filter {
        lowerer.expr(filter, 0, &mut Discard);
    }
    lowerer.check_form(query, emit);
    lowerer.errors
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
                    min_similarity: semantic.min.as_ref().map(|v| scalar(&v.scalar)),
                    context_size: semantic.context_size,
                    dedup: semantic.dedup.map(|d| d.as_str()),
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

impl Lowerer {
    fn new(target: Target) -> Self {
        Lowerer {
            target,
            errors: Vec::new(),
        }
    }

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

    /// The one walk over the filter: `sink` writes (or builds) what it decides. Inlined into
    /// each chain's loop, so a leaf condition, most of any filter, goes straight to
    /// [`Lowerer::condition`] rather than through a recursive call of [`Lowerer::node`].
    #[inline(always)]
    fn expr<'q, S: Sink<'q>>(
        &mut self,
        expr: &'q TypedExpr<'q>,
        depth: usize,
        sink: &mut S,
    ) -> S::Out {
        match &expr.kind {
            TypedKind::Condition(condition) if depth < MAX_DEPTH => {
                self.condition(condition, depth, sink)
            }
            _ => self.node(expr, depth, sink),
        }
    }

    /// [`Lowerer::expr`] of `and`, `or` and `not`, and of anything too deep.
    fn node<'q, S: Sink<'q>>(
        &mut self,
        expr: &'q TypedExpr<'q>,
        depth: usize,
        sink: &mut S,
    ) -> S::Out {
        if depth >= MAX_DEPTH {
            self.errors.push(LowerError::TooDeep {
                span: expr.span,
                limit: MAX_DEPTH,
            });
            return sink.refused();
        }
        match &expr.kind {
            TypedKind::And(all) => sink.chain(Connective::And, all, |sink, e| {
                self.expr(e, depth + 1, sink)
            }),
            TypedKind::Or(any) => {
                sink.chain(Connective::Or, any, |sink, e| self.expr(e, depth + 1, sink))
            }
            TypedKind::Not(inner) => sink.not(|sink| self.expr(inner, depth + 1, sink)),
            TypedKind::Condition(condition) => self.condition(condition, depth, sink),
        }
    }

    fn condition<'q, S: Sink<'q>>(
        &mut self,
        c: &'q TypedCondition<'q>,
        depth: usize,
        sink: &mut S,
    ) -> S::Out {
        let key: &'q str = &c.key;
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
                sink.field(op, key, Operand::Value(&v.scalar))
            }
            Predicate::Search(SearchOp::Fuzzy, v) => {
                sink.field(FieldOp::Fuzzy, key, Operand::Value(&v.scalar))
            }
            Predicate::Search(SearchOp::Keyword, v) => {
                sink.field(FieldOp::Keyword, key, Operand::Value(&v.scalar))
            }
            Predicate::In(values) => sink.one_of(key, values),
            Predicate::NotIn(values) => sink.not(|sink| sink.one_of(key, values)),
            Predicate::IsNull => sink.field(FieldOp::Eq, key, Operand::Null),
            Predicate::IsNotNull => sink.field(FieldOp::Neq, key, Operand::Null),
            Predicate::Between { low, high } => sink.between(key, &low.scalar, &high.scalar),
            // Every target has a key for `has` (`contains` or `array_contains`; a test holds
            // the table to it).
            Predicate::Has(v) => match table_key(self.target, OpKind::Has) {
                Some(op) => sink.field(op, key, Operand::Value(&v.scalar)),
                None => sink.refused(),
            },
            Predicate::Any(inner) => sink.any(key, |sink| self.expr(inner, depth + 1, sink)),
            Predicate::Text(op, text) => match table_key(self.target, op.op()) {
                Some(written) => sink.field(written, key, Operand::Text(&text.text)),
                None if *op == TextOp::Like => self.like(c, key, text, sink),
                None => self.literal_text(*op, key, text, sink),
            },
        }
    }

    /// `like` where the target has no `like` key (2026-10): a plain prefix, suffix or
    /// substring pattern becomes the literal operator, anything else is an error.
    fn like<'q, S: Sink<'q>>(
        &mut self,
        c: &TypedCondition<'_>,
        key: &'q str,
        pattern: &'q TypedText<'q>,
        sink: &mut S,
    ) -> S::Out {
        let pattern: &'q str = &pattern.text;
        if let Some((op, literal)) = like_as_literal(pattern) {
            return sink.field(op, key, Operand::Text(literal));
        }
        self.errors.push(LowerError::NoLikeOnTarget {
            span: c.op_span,
            target: self.target,
            pattern: pattern.to_owned(),
            help: no_like_help(self.target, pattern),
        });
        sink.refused()
    }

    /// `contains`/`startswith`/`endswith` where the target has no literal key for them (before
    /// 2026-10): `like` patterns, where a `%` or `_` in the text cannot be expressed.
    fn literal_text<'q, S: Sink<'q>>(
        &mut self,
        op: TextOp,
        key: &'q str,
        text: &'q TypedText<'q>,
        sink: &mut S,
    ) -> S::Out {
        let TypedText { span, text } = text;
        if let Some(character) = text.chars().find(|ch| matches!(ch, '%' | '_')) {
            self.errors.push(LowerError::WildcardInLiteral {
                span: *span,
                op: op.op().as_str(),
                character,
                target: self.target,
                help: wildcard_help(self.target, character),
            });
            return sink.refused();
        }
        let text: &'q str = text;
        sink.field(FieldOp::Like, key, Operand::Pattern(op, text))
    }
}

/// The field operator that writes `op` by itself on `target`, for the operators whose key
/// depends on the target (the text operators and `has`); read off [`crate::OPERATOR_KEYS`]
/// once, not per condition.
fn table_key(target: Target, op: OpKind) -> Option<FieldOp> {
    const BY_TARGET: [OpKind; 5] = [
        OpKind::Like,
        OpKind::Contains,
        OpKind::StartsWith,
        OpKind::EndsWith,
        OpKind::Has,
    ];
    static KEYS: OnceLock<[[Option<FieldOp>; 5]; 3]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Target::ALL.map(|target| BY_TARGET.map(|op| target.key_of(op).and_then(FieldOp::of_key)))
    });
    let row = Target::ALL.iter().position(|t| *t == target)?;
    let column = BY_TARGET.iter().position(|o| *o == op)?;
    keys.get(row)?.get(column).copied().flatten()
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
