//! [`Tree`]: the arena that holds a query's filter expression.
//!
//! Each expression is a small [`ExprKind`] (12 bytes) addressed by a typed [`ExprId`]; its span
//! sits in a side vector at the same id; the operands of an `and`/`or` chain are a run of ids
//! in one shared vector ([`Children`]); each condition, the large node, lives in a vector of its
//! own at a [`CondId`]. Building a filter pushes onto four vectors, and dropping it frees them:
//! no allocation per node and no recursion. Ids are meaningful only in the tree that made them,
//! and nothing outside this module sees them as numbers.
//!
//! Reading stays close to a boxed tree: `match tree[id] { ExprKind::And(c) => … }`,
//! `tree.children(c)`, `tree.span(id)`, `&tree[cond]`.

use index_vec::IndexVec;

use crate::Span;
use crate::ast::{Condition, Rhs};

index_vec::define_index_type! {
    /// An expression of a [`Tree`].
    pub struct ExprId = u32;
    DEBUG_FORMAT = "e{}";
}

index_vec::define_index_type! {
    /// A condition (`field op rhs`) of a [`Tree`].
    pub struct CondId = u32;
    DEBUG_FORMAT = "c{}";
}

/// The operands of a chain: a run of ids in the tree's shared child vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Children {
    start: u32,
    len: u32,
}

impl Children {
    /// How many operands the chain has (two or more once parsed).
    pub fn len(self) -> usize {
        self.len as usize
    }

    /// True for a chain without operands (never built by the parser).
    pub fn is_empty(self) -> bool {
        self.len == 0
    }
}

/// The shape of one expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprKind {
    /// An unparenthesised chain `a and b and c` (two or more operands).
    And(Children),
    /// An unparenthesised chain `a or b or c` (two or more operands).
    Or(Children),
    Not(ExprId),
    /// `( e )`: kept so that `(a and b) and c` stays nested when lowered.
    Paren(ExprId),
    Condition(CondId),
}

/// One query's filter expressions. The parser, the JSON reader and tests build it through its
/// methods; every other phase reads it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree<'a> {
    kinds: IndexVec<ExprId, ExprKind>,
    spans: IndexVec<ExprId, Span>,
    children: Vec<ExprId>,
    conditions: IndexVec<CondId, Condition<'a>>,
}

impl<'a> Tree<'a> {
    /// Makes room for about `conditions` more conditions (and their chains).
    pub fn reserve(&mut self, conditions: usize) {
        self.kinds.reserve(conditions + conditions / 4);
        self.spans.reserve(conditions + conditions / 4);
        self.children.reserve(conditions);
        self.conditions.reserve(conditions);
    }

    /// The expression's span (a group's includes its parentheses).
    #[inline]
    pub fn span(&self, id: ExprId) -> Span {
        self.spans[id]
    }

    /// The operands of a chain, in source order.
    #[inline]
    pub fn children(&self, children: Children) -> &[ExprId] {
        let start = children.start as usize;
        &self.children[start..start + children.len as usize]
    }

    /// The condition at `id`, if `id` is a condition.
    #[inline]
    pub fn as_condition(&self, id: ExprId) -> Option<&Condition<'a>> {
        match self.kinds[id] {
            ExprKind::Condition(c) => Some(&self.conditions[c]),
            _ => None,
        }
    }

    /// How many expressions the tree holds (conditions included).
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// True when the tree holds no expression.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// Empties the tree, keeping its room.
    pub fn clear(&mut self) {
        self.kinds.clear();
        self.spans.clear();
        self.children.clear();
        self.conditions.clear();
    }

    /// Gives back spare room beyond an eighth (a tree outlives the parse that sized it
    /// generously; a little slack is not worth a copy).
    pub fn shrink_to_fit(&mut self) {
        fn shrink<T>(v: &mut Vec<T>) {
            if v.capacity() > v.len() + v.len() / 8 + 8 {
                v.shrink_to_fit();
            }
        }
        shrink(&mut self.kinds.raw);
        shrink(&mut self.spans.raw);
        shrink(&mut self.children);
        shrink(&mut self.conditions.raw);
    }

    // ----- building -------------------------------------------------------------------------

    fn push(&mut self, span: Span, kind: ExprKind) -> ExprId {
        self.spans.push(span);
        self.kinds.push(kind)
    }

    /// Adds the condition as an expression spanning the condition.
    pub fn condition(&mut self, condition: Condition<'a>) -> ExprId {
        let span = condition.span;
        let id = self.conditions.push(condition);
        self.push(span, ExprKind::Condition(id))
    }

    /// Adds `not inner`.
    pub fn not(&mut self, span: Span, inner: ExprId) -> ExprId {
        self.push(span, ExprKind::Not(inner))
    }

    /// Adds `( inner )`.
    pub fn paren(&mut self, span: Span, inner: ExprId) -> ExprId {
        self.push(span, ExprKind::Paren(inner))
    }

    /// Adds the chain `a and b …` of `operands`.
    pub fn and(&mut self, span: Span, operands: &[ExprId]) -> ExprId {
        let children = self.chain(operands);
        self.push(span, ExprKind::And(children))
    }

    /// Adds the chain `a or b …` of `operands`.
    pub fn or(&mut self, span: Span, operands: &[ExprId]) -> ExprId {
        let children = self.chain(operands);
        self.push(span, ExprKind::Or(children))
    }

    fn chain(&mut self, operands: &[ExprId]) -> Children {
        // Ids are u32 and a tree never holds more children than ids, so both fit.
        let start = u32::try_from(self.children.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(operands.len()).unwrap_or(u32::MAX);
        self.children.extend_from_slice(operands);
        Children { start, len }
    }
}

/// An expression written whole before it joins a [`Tree`]: what code that assembles a
/// filter top-down (the property generators, hand-built test trees) writes, and
/// [`Tree::add`] builds, children first. Parsers build the tree directly.
#[derive(Clone, Debug, PartialEq)]
pub enum Owned<'a> {
    And(Span, Vec<Owned<'a>>),
    Or(Span, Vec<Owned<'a>>),
    Not(Span, Box<Owned<'a>>),
    Paren(Span, Box<Owned<'a>>),
    /// A condition, at its own span; for `any`, the filter on the elements, which becomes
    /// its right-hand side.
    Condition(Box<Condition<'a>>, Option<Box<Owned<'a>>>),
}

impl<'a> Owned<'a> {
    /// The condition, or for `any` the condition over `elements`.
    pub fn condition(condition: Condition<'a>, elements: Option<Owned<'a>>) -> Self {
        Owned::Condition(Box::new(condition), elements.map(Box::new))
    }

    /// The expression's span.
    pub fn span(&self) -> Span {
        match self {
            Owned::And(span, _) | Owned::Or(span, _) => *span,
            Owned::Not(span, _) | Owned::Paren(span, _) => *span,
            Owned::Condition(condition, _) => condition.span,
        }
    }

    /// Whether it is an `and` or `or` chain.
    pub fn is_chain(&self) -> bool {
        matches!(self, Owned::And(..) | Owned::Or(..))
    }
}

impl<'a> Tree<'a> {
    /// The expression `id` as a whole [`Owned`] expression: what [`Tree::add`] builds back,
    /// here or in another tree (a rewrite that keeps a part of this one). Recursion is as deep
    /// as the expression, which the tree's builder bounded.
    pub fn to_owned_expr(&self, id: ExprId) -> Owned<'a> {
        let span = self.span(id);
        let all = |c| {
            self.children(c)
                .iter()
                .map(|&e| self.to_owned_expr(e))
                .collect()
        };
        match self[id] {
            ExprKind::And(c) => Owned::And(span, all(c)),
            ExprKind::Or(c) => Owned::Or(span, all(c)),
            ExprKind::Not(inner) => Owned::Not(span, Box::new(self.to_owned_expr(inner))),
            ExprKind::Paren(inner) => Owned::Paren(span, Box::new(self.to_owned_expr(inner))),
            ExprKind::Condition(c) => {
                let condition = self[c].clone();
                let elements = match condition.rhs {
                    Rhs::Condition(inner) => Some(self.to_owned_expr(inner)),
                    _ => None,
                };
                Owned::condition(condition, elements)
            }
        }
    }

    /// Adds `expr`, children first (recursion as deep as `expr`).
    pub fn add(&mut self, expr: Owned<'a>) -> ExprId {
        match expr {
            Owned::And(span, items) => {
                let ids: Vec<ExprId> = items.into_iter().map(|e| self.add(e)).collect();
                self.and(span, &ids)
            }
            Owned::Or(span, items) => {
                let ids: Vec<ExprId> = items.into_iter().map(|e| self.add(e)).collect();
                self.or(span, &ids)
            }
            Owned::Not(span, inner) => {
                let inner = self.add(*inner);
                self.not(span, inner)
            }
            Owned::Paren(span, inner) => {
                let inner = self.add(*inner);
                self.paren(span, inner)
            }
            Owned::Condition(mut condition, elements) => {
                if let Some(elements) = elements {
                    condition.rhs = Rhs::Condition(self.add(*elements));
                }
                self.condition(*condition)
            }
        }
    }
}

impl std::ops::Index<ExprId> for Tree<'_> {
    type Output = ExprKind;

    #[inline]
    fn index(&self, id: ExprId) -> &ExprKind {
        &self.kinds[id]
    }
}

impl<'a> std::ops::Index<CondId> for Tree<'a> {
    type Output = Condition<'a>;

    #[inline]
    fn index(&self, id: CondId) -> &Condition<'a> {
        &self.conditions[id]
    }
}

/// A side table: one `T` per expression of a tree, indexed by its id.
pub type PerExpr<T> = IndexVec<ExprId, T>;

/// A side table: one `T` per condition of a tree, indexed by its id.
pub type PerCondition<T> = IndexVec<CondId, T>;

impl Tree<'_> {
    /// A side table with `value` for each expression.
    pub fn per_expr<T: Clone>(&self, value: T) -> PerExpr<T> {
        IndexVec::from_vec(vec![value; self.kinds.len()])
    }

    /// A side table with `value` for each condition.
    pub fn per_condition<T: Clone>(&self, value: T) -> PerCondition<T> {
        IndexVec::from_vec(vec![value; self.conditions.len()])
    }
}
