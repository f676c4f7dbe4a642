//! Lines and comments: how documents and queries are laid out, and where each comment goes.
//!
//! Code is written line by line; comments are written only between lines, in source order, by a
//! cursor over the document's comments (each is looked at a bounded number of times). Before a
//! line whose first token starts at source offset `start`, every comment that starts before
//! `start` is written: at the end of the previous line if it followed code there (or sat inside
//! that line's code, which the formatter keeps on one line), else on a line of its own. A comment
//! always ends its output line, so it never swallows code. The rules are listed in
//! `grammar/README.md` (Comments).

use std::fmt::Write;

use super::{Position, write_expr, write_name, write_path, write_value};
use crate::ast::{Comment, Direction, ExprId, ExprKind, Query, Tree};

/// Continuation lines of a where-expression laid out one operand per line.
const OPERAND_INDENT: &str = "  ";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Nothing written on the current output line yet.
    Empty,
    /// Code, and no comment yet.
    Code,
    /// Ends with a comment: anything more goes on a new line.
    Commented,
}

pub(super) struct Printer<'c, 'a> {
    out: String,
    comments: &'c [Comment<'a>],
    /// The first comment not written yet.
    next: usize,
    line: Line,
    /// Source offset where the code of the current output line ends: a comment that starts
    /// before it was inside that code and goes to the end of the line.
    code_end: usize,
}

impl<'c, 'a> Printer<'c, 'a> {
    pub(super) fn new(comments: &'c [Comment<'a>]) -> Self {
        Printer {
            out: String::new(),
            comments,
            next: 0,
            line: Line::Empty,
            code_end: 0,
        }
    }

    /// Writes the comments left (those after the last line, or with spans the layout never
    /// reached) and returns the text.
    pub(super) fn finish(mut self) -> String {
        self.flush(usize::MAX, "");
        self.out
    }

    fn peek(&self) -> Option<&'c Comment<'a>> {
        self.comments.get(self.next)
    }

    /// Writes every comment that starts before `bound`; those that cannot end the current line
    /// go on lines of their own, indented by `indent`.
    fn flush(&mut self, bound: usize, indent: &str) {
        while let Some(comment) = self.peek().filter(|c| c.span.lo() < bound) {
            self.next += 1;
            self.comment(comment, indent);
        }
    }

    fn comment(&mut self, comment: &Comment, indent: &str) {
        let trailing =
            self.line == Line::Code && (comment.span.lo() < self.code_end || !comment.own_line);
        if trailing {
            self.out.push(' ');
        } else if self.line != Line::Empty {
            self.out.push('\n');
            self.out.push_str(indent);
        }
        for (n, text) in comment.text.split('\n').enumerate() {
            if n > 0 {
                self.out.push('\n');
                self.out.push_str(indent);
            }
            self.out.push('#');
            self.out.push_str(text.trim_end());
        }
        self.line = Line::Commented;
    }

    /// Starts an output line for code whose first token is at source offset `start`.
    fn start_line(&mut self, start: usize, indent: &str) {
        self.flush(start, indent);
        if self.line != Line::Empty {
            self.out.push('\n');
        }
        self.out.push_str(indent);
        self.line = Line::Code;
    }

    /// Ends a query that another query follows, at source offset `next_start`: `;`, a comment
    /// that followed the query's last line on the same line, then a blank line. Other comments
    /// before `next_start` stay above the next query (written by its first `start_line`).
    pub(super) fn end_query(&mut self, next_start: usize) {
        self.out.push(';');
        if let Some(comment) = self
            .peek()
            .filter(|c| c.span.lo() < next_start && (c.span.lo() < self.code_end || !c.own_line))
        {
            self.next += 1;
            self.comment(comment, "");
        }
        self.out.push_str("\n\n");
        self.line = Line::Empty;
    }

    /// Whether the where-expression `filter` is laid out one operand per line: when a comment
    /// starts inside it, or one follows it on its line (`bound`: where its next line starts).
    /// The second case keeps the layout a fixed point, since a comment moved out of the last
    /// operand ends up there. Called after the comments before `filter` are written.
    fn splits(&self, tree: &Tree, filter: ExprId, bound: usize) -> bool {
        matches!(tree[filter], ExprKind::And(_) | ExprKind::Or(_))
            && self.peek().is_some_and(|c| {
                c.span.lo() < tree.span(filter).hi() || (c.span.lo() < bound && !c.own_line)
            })
    }

    /// One query: a bare filter, or one clause per line. `bound` is where the next query starts
    /// (or `usize::MAX`).
    pub(super) fn query(&mut self, query: &Query, bound: usize) {
        if let Some(entity) = &query.from {
            self.start_line(query.span.lo(), "");
            self.out.push_str("from ");
            write_name(&mut self.out, entity, Position::Entity);
            self.code_end = entity.span.hi();
        }
        if let Some(semantic) = &query.semantic {
            self.start_line(semantic.span.lo(), "");
            self.out.push_str("similar to ");
            write_value(&mut self.out, &semantic.prompt);
            if let Some(field) = &semantic.field {
                self.out.push_str(" in ");
                write_path(&mut self.out, field, Position::Required);
            }
            if let Some(min) = &semantic.min {
                self.out.push_str(" min ");
                write_value(&mut self.out, min);
            }
            if let Some(size) = &semantic.context_size {
                self.out.push_str(" context_size ");
                write_value(&mut self.out, size);
            }
            if let Some(dedup) = &semantic.dedup {
                self.out.push_str(" dedup ");
                self.out.push_str(dedup.mode.as_str());
            }
            self.code_end = semantic.span.hi();
        }
        if let Some(filter) = query.filter {
            let keyword = query.from.is_some()
                || query.semantic.is_some()
                || query.sort.is_some()
                || query.limit.is_some()
                || query.fields.is_some();
            self.filter(
                &query.tree,
                filter,
                keyword,
                bound_after_filter(query, bound),
            );
        }
        if let Some(sort) = &query.sort {
            self.start_line(sort.span.lo(), "");
            self.out.push_str("sort ");
            for (n, key) in sort.keys.iter().enumerate() {
                if n > 0 {
                    self.out.push_str(", ");
                }
                write_path(&mut self.out, &key.path, Position::Required);
                if key.direction == Direction::Desc {
                    self.out.push_str(" desc");
                }
            }
            self.code_end = sort.span.hi();
        }
        if let Some(limit) = &query.limit {
            self.start_line(limit.span.lo(), "");
            let _ = write!(self.out, "limit {}", limit.value);
            self.code_end = limit.span.hi();
        }
        if let Some(fields) = &query.fields {
            self.start_line(fields.span.lo(), "");
            self.out.push_str("fields ");
            for (n, path) in fields.paths.iter().enumerate() {
                if n > 0 {
                    self.out.push_str(", ");
                }
                write_path(&mut self.out, path, Position::Required);
            }
            self.code_end = fields.span.hi();
        }
    }

    /// The where-expression (or bare filter): on one line, or its top-level chain one operand
    /// per line when comments belong to it.
    fn filter(&mut self, tree: &Tree, filter: ExprId, keyword: bool, bound: usize) {
        self.start_line(tree.span(filter).lo(), "");
        if keyword {
            self.out.push_str("where ");
        }
        let chain = match tree[filter] {
            ExprKind::And(items) => Some((items, "and ")),
            ExprKind::Or(items) => Some((items, "or ")),
            _ => None,
        };
        match chain {
            Some((items, joiner)) if self.splits(tree, filter, bound) => {
                for (n, &item) in tree.children(items).iter().enumerate() {
                    if n > 0 {
                        self.start_line(tree.span(item).lo(), OPERAND_INDENT);
                        self.out.push_str(joiner);
                    }
                    write_expr(&mut self.out, tree, item);
                    self.code_end = tree.span(item).hi();
                }
            }
            _ => {
                write_expr(&mut self.out, tree, filter);
                self.code_end = tree.span(filter).hi();
            }
        }
    }
}

/// Where the line after the where-expression starts: the next clause, else the next query.
fn bound_after_filter(query: &Query, bound: usize) -> usize {
    let next = [
        query.sort.as_ref().map(|s| s.span.lo()),
        query.limit.as_ref().map(|l| l.span.lo()),
        query.fields.as_ref().map(|f| f.span.lo()),
    ];
    next.into_iter().flatten().next().unwrap_or(bound)
}
