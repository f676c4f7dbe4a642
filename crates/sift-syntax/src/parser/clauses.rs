//! Queries and their clauses: `from`, `where`, `sort`, `limit`, `fields`.

use nom::Parser as _;
use nom::combinator::cut;

use super::Parser;
use crate::ast::{
    Dedup, DedupMode, Direction, ExprId, FieldsClause, Limit, Name, Query, SEMANTIC_OPTIONS,
    Semantic, SortClause, SortKey, Tree, Value,
};
use crate::lexer::{
    Keyword, PError, PResult, at_keyword, bare_segment, blank, describe, is_entity_keyword, is_kw,
    json_number, peek_word, starts_operator,
};
use crate::{Fix, Span, SyntaxError};

/// Clause names by rank: the order in which clauses must appear.
const CLAUSES: [Keyword; 6] = Keyword::CLAUSES;

/// The rank of `where` (a bare filter counts as one).
const WHERE_RANK: usize = 2;

/// The clause a keyword starts (`where`, `sort`, `limit`, `fields`), by its canonical name.
pub(crate) fn clause_name(word: &str) -> Option<&'static str> {
    CLAUSES
        .iter()
        .skip(1)
        .find(|c| c.is(word))
        .map(|c| c.as_str())
}

fn rank(clause: &str) -> usize {
    CLAUSES
        .iter()
        .position(|c| c.as_str() == clause)
        .unwrap_or(0)
}

/// `order by` at the start of `i`: the rest after `by` and the span's length.
pub(crate) fn order_by(i: &str) -> Option<(&str, usize)> {
    let (after_order, order) = bare_segment(i).ok()?;
    if !is_kw(order, "order") {
        return None;
    }
    let j = blank(after_order);
    let (after_by, by) = bare_segment(j).ok()?;
    is_kw(by, "by").then(|| (after_by, i.len() - after_by.len()))
}

impl<'a> Parser<'a> {
    /// `query = from_clause , [ semantic_clause ] , [ where_clause ] , [ sort_clause ] ,
    ///          [ limit_clause ] , [ fields_clause ] ;`
    pub(super) fn query(&self, i: &'a str) -> PResult<'a, Query<'a>> {
        let (rest, entity) = self.from_clause(i)?;
        self.query_tail(i, rest, Some(entity), None, false)
    }

    /// `from_clause = "from" , entity ;`
    #[allow(clippy::wrong_self_convention)] // Named after its grammar rule, not a conversion.
    fn from_clause(&self, i: &'a str) -> PResult<'a, Name<'a>> {
        let (after_from, _) = bare_segment(i)?;
        // `from` commits: whatever follows must be an entity.
        cut(|i| self.entity(i)).parse(blank(after_from))
    }

    /// `entity = segment ;` — bare unless it is a word that starts a clause here
    /// (`similar`, `where`, `sort`, `limit`, `fields`, `select`); those go in backticks.
    fn entity(&self, i: &'a str) -> PResult<'a, Name<'a>> {
        if let Some(word) = peek_word(i)
            && is_entity_keyword(word)
        {
            let mut error = self.expected(
                i,
                "an entity name after `from`",
                Some(format!(
                    "`{word}` starts a clause; an entity with that name is written in backticks: `{word}`"
                )),
            );
            if let SyntaxError::Expected {
                found, fix, span, ..
            } = &mut error
            {
                *found = format!("the keyword `{word}`");
                *fix = Some(Fix {
                    span: *span,
                    replacement: format!("`{word}`"),
                });
            }
            return self.fail(error);
        }
        match self.segment(i) {
            Ok(ok) => Ok(ok),
            Err(nom::Err::Error(_)) => self.fail(self.expected(
                i,
                "an entity name after `from`",
                Some("name the entity to search, as in `from users`".to_owned()),
            )),
            Err(e) => Err(e),
        }
    }

    /// The clauses after `from ENTITY` (or after a bare filter, in error), in any order: order and
    /// duplicates are checked here so that each clause is still parsed and its errors reported.
    pub(super) fn query_tail(
        &self,
        start: &'a str,
        mut rest: &'a str,
        from: Option<Name<'a>>,
        filter: Option<ExprId>,
        mut missing_from_reported: bool,
    ) -> PResult<'a, Query<'a>> {
        let bare = from.is_none() && filter.is_some();
        let mut end = match (&from, &filter) {
            (_, Some(f)) => self.expr_span(*f).hi(),
            (Some(name), None) => name.span.hi(),
            (None, None) => self.off(start),
        };
        let mut query = Query {
            span: Span::default(),
            from,
            semantic: None,
            filter,
            sort: None,
            limit: None,
            fields: None,
            tree: Tree::default(),
        };
        let mut seen: [Option<Span>; CLAUSES.len()] = [None; CLAUSES.len()];
        let mut last = if query.filter.is_some() {
            WHERE_RANK
        } else {
            0
        };
        loop {
            let j = blank(rest);
            if j.is_empty() || j.starts_with(';') {
                break;
            }
            let Some((clause, keyword_span, after)) = self.clause_keyword(j) else {
                if at_keyword(j, "from") {
                    break; // a new query without `;`: the document reports it
                }
                return self.fail(self.stray(j, last, bare));
            };
            if query.from.is_none() && !missing_from_reported {
                self.record(SyntaxError::MissingFrom {
                    span: keyword_span,
                    clause,
                });
                missing_from_reported = true;
            }
            let r = rank(clause);
            if let Some(first) = seen.get(r).copied().flatten() {
                self.record(SyntaxError::DuplicateClause {
                    span: keyword_span,
                    clause,
                    first,
                });
            } else if r < last {
                self.record(SyntaxError::ClauseOutOfOrder {
                    span: keyword_span,
                    clause,
                    after: CLAUSES.get(last).map_or("from", |c| c.as_str()),
                });
            }
            if let Some(slot) = seen.get_mut(r)
                && slot.is_none()
            {
                *slot = Some(keyword_span);
            }
            last = last.max(r);
            let body = blank(after);
            match clause {
                "similar" => {
                    let (r, semantic) = self.semantic_clause(j, body)?;
                    end = semantic.span.hi();
                    query.semantic.get_or_insert(semantic);
                    rest = r;
                }
                "where" => {
                    let (r, (expr, _)) = self.where_clause(j, body)?;
                    end = self.expr_span(expr).hi();
                    query.filter.get_or_insert(expr);
                    rest = r;
                }
                "sort" => {
                    let (r, sort) = self.sort_clause(j, body)?;
                    end = sort.span.hi();
                    query.sort.get_or_insert(sort);
                    rest = r;
                }
                "limit" => {
                    let (r, limit) = self.limit_clause(j, body)?;
                    end = limit.span.hi();
                    query.limit.get_or_insert(limit);
                    rest = r;
                }
                _ => {
                    let (r, fields) = self.fields_clause(j, body)?;
                    end = fields.span.hi();
                    query.fields.get_or_insert(fields);
                    rest = r;
                }
            }
        }
        query.span = Span::new(self.off(start), end);
        query.tree = self.take_tree();
        Ok((rest, query))
    }

    /// The clause keyword at `j`, if any: its clause, its span and the rest after it. Records the
    /// teaching errors for `select` and `order by`. Here, after a complete clause, no condition can
    /// start, so these words are always keywords.
    fn clause_keyword(&self, j: &'a str) -> Option<(&'static str, Span, &'a str)> {
        let word = peek_word(j)?;
        let after = &j[word.len()..];
        if let Some((rest, len)) = order_by(j) {
            let span = Span::new(self.off(j), self.off(j) + len);
            self.record(SyntaxError::OrderBy { span });
            return Some(("sort", span, rest));
        }
        let span = self.span(j, after);
        if is_kw(word, "select") {
            self.record(SyntaxError::Select { span });
            return Some(("fields", span, after));
        }
        Some((clause_name(word)?, span, after))
    }

    /// The error for input that cannot continue the query: what could have come instead depends
    /// on the last clause.
    fn stray(&self, j: &'a str, last: usize, bare: bool) -> SyntaxError {
        let span = self.token_span(j);
        let looks_like_condition =
            peek_word(j).is_some_and(|w| starts_operator(&j[w.len()..])) || j.starts_with('`');
        let insert = |text: &str| {
            Some(Fix {
                span: Span::new(span.lo(), span.lo()),
                replacement: text.to_owned(),
            })
        };
        let (expected, help, fix) = match last {
            0 | 1 if looks_like_condition => (
                "`where`, `sort`, `limit`, `fields`, `;` or end of input",
                "a filter in a query starts with `where`: `from users where …`",
                insert("where "),
            ),
            0 | 1 => (
                "`where`, `sort`, `limit`, `fields`, `;` or end of input",
                "after `from ENTITY` come the clauses similar, where, sort, limit and fields, in that order",
                None,
            ),
            WHERE_RANK if j.starts_with(')') => (
                if bare {
                    "`and`, `or`, `;` or end of input"
                } else {
                    "`and`, `or`, `sort`, `limit`, `fields`, `;` or end of input"
                },
                "this `)` closes no `(`: remove it",
                Some(Fix {
                    span,
                    replacement: String::new(),
                }),
            ),
            WHERE_RANK => (
                if bare {
                    "`and`, `or`, `;` or end of input"
                } else {
                    "`and`, `or`, `sort`, `limit`, `fields`, `;` or end of input"
                },
                if looks_like_condition {
                    "join conditions with `and` or `or`"
                } else {
                    "a condition ends after its value; join the next one with `and` or `or`, or end the query with `;`"
                },
                if looks_like_condition {
                    insert("and ")
                } else {
                    None
                },
            ),
            3 => (
                "`,`, `limit`, `fields`, `;` or end of input",
                "separate sort keys with `,`; a key is a field and an optional `asc` or `desc`",
                None,
            ),
            4 => (
                "`fields`, `;` or end of input",
                "`limit` takes one whole number, as in `limit 50`",
                None,
            ),
            _ => (
                "`,`, `;` or end of input",
                "separate fields with `,`; `fields` is the last clause of a query",
                None,
            ),
        };
        SyntaxError::StrayInput {
            span,
            expected: expected.to_owned(),
            found: describe(j),
            help: help.to_owned(),
            fix,
        }
    }

    /// `semantic_clause = "similar" , "to" , value , [ "in" , path ] , [ "min" , value ] ,
    ///                   [ "context_size" , value ] , [ "dedup" , dedup_mode ] ;`
    fn semantic_clause(&self, keyword: &'a str, body: &'a str) -> PResult<'a, Semantic<'a>> {
        let word_at = |i: &'a str, word: &str| {
            peek_word(i)
                .filter(|w| is_kw(w, word))
                .map(|w| blank(&i[w.len()..]))
        };
        let Some(after_to) = word_at(body, "to") else {
            return self.fail(self.expected(
                body,
                "`to` after `similar`",
                Some("write `similar to \"what to look for\"`, as in `similar to \"unhappy about billing\" in notes`".to_owned()),
            ));
        };
        let (mut rest, prompt) = self.value(after_to)?;
        let mut end = prompt.span.hi();
        let mut field = None;
        if let Some(after_in) = word_at(blank(rest), "in") {
            let (r, path) = self.required_path(after_in, "a field to search in after `in`")?;
            end = path.span.hi();
            field = Some(path);
            rest = r;
        }
        let mut option_value =
            |word: &str, rest: &mut &'a str| -> Result<Option<Value<'a>>, nom::Err<PError>> {
                let Some(after) = word_at(blank(rest), word) else {
                    return Ok(None);
                };
                let (r, value) = self.value(after)?;
                end = value.span.hi();
                *rest = r;
                Ok(Some(value))
            };
        let min = option_value("min", &mut rest)?;
        let context_size = option_value("context_size", &mut rest)?;
        let mut dedup = None;
        if let Some(after_dedup) = word_at(blank(rest), "dedup") {
            let (r, mode) = self.dedup_mode(after_dedup)?;
            end = mode.span.hi();
            dedup = Some(mode);
            rest = r;
        }
        if let Some(word) = peek_word(blank(rest))
            .filter(|w| SEMANTIC_OPTIONS.iter().any(|option| is_kw(w, option)))
        {
            return self.fail(self.expected(
                blank(rest),
                "`where`, `limit`, `fields`, `;` or end of input",
                Some(format!(
                    "`{word}` comes earlier: the options of `similar to` are written in the order {}",
                    SEMANTIC_OPTIONS.join(", ")
                )),
            ));
        }
        let span = Span::new(self.off(keyword), end);
        self.node(span)?;
        Ok((
            rest,
            Semantic {
                span,
                prompt,
                field,
                min,
                context_size,
                dedup,
            },
        ))
    }

    /// `dedup_mode = "max" | "none" ;`
    fn dedup_mode(&self, i: &'a str) -> PResult<'a, Dedup> {
        let mode = peek_word(i).and_then(|w| Some((w, DedupMode::from_word(w)?)));
        let Some((word, mode)) = mode else {
            return self.fail(self.expected(
                i,
                "`max` or `none` after `dedup`",
                Some(String::from(
                    "`dedup max` keeps each record's best unit (the API's default), `dedup none` every matching unit",
                )),
            ));
        };
        let rest = &i[word.len()..];
        Ok((
            rest,
            Dedup {
                span: self.span(i, rest),
                mode,
            },
        ))
    }

    /// `where_clause = "where" , or_expr ;`
    fn where_clause(&self, keyword: &'a str, body: &'a str) -> PResult<'a, (ExprId, usize)> {
        if super::ends_operands(body) {
            let mut error = self.expected(
                body,
                "a condition after `where`",
                Some("write a condition such as `status = \"open\"`, or remove `where`".to_owned()),
            );
            if let SyntaxError::Expected { span, .. } = &mut error
                && span.is_empty()
            {
                *span = self.token_span(keyword);
            }
            return self.fail(error);
        }
        self.or_expr(body)
    }

    /// `sort_clause = "sort" , sort_key , { "," , sort_key } ;`
    fn sort_clause(&self, keyword: &'a str, body: &'a str) -> PResult<'a, SortClause<'a>> {
        let mut keys = Vec::new();
        let mut rest = body;
        loop {
            let (r, key) = self.sort_key(rest)?;
            keys.push(key);
            match blank(r).strip_prefix(',') {
                Some(next) => rest = blank(next),
                None => {
                    rest = r;
                    break;
                }
            }
        }
        let end = keys.last().map_or(self.off(body), |k| k.span.hi());
        let span = Span::new(self.off(keyword), end);
        Ok((rest, SortClause { span, keys }))
    }

    /// `sort_key = path , [ "asc" | "desc" ] ;`
    fn sort_key(&self, i: &'a str) -> PResult<'a, SortKey<'a>> {
        let (rest, path) = self.required_path(i, "a field to sort by")?;
        let j = blank(rest);
        let (rest, direction, end) = match peek_word(j) {
            Some(w) if is_kw(w, "asc") => (&j[3..], Direction::Asc, self.off(j) + 3),
            Some(w) if is_kw(w, "desc") => (&j[4..], Direction::Desc, self.off(j) + 4),
            _ => (rest, Direction::Asc, path.span.hi()),
        };
        let span = Span::new(path.span.lo(), end);
        Ok((
            rest,
            SortKey {
                span,
                path,
                direction,
            },
        ))
    }

    /// `limit_clause = "limit" , digit , { digit } ;`
    fn limit_clause(&self, keyword: &'a str, body: &'a str) -> PResult<'a, Limit> {
        let whole = match json_number(body) {
            Some((n, true)) if !body.starts_with('-') => {
                let next = body[n..].chars().next();
                (!next.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_')).then_some(n)
            }
            _ => None,
        };
        let Some(n) = whole else {
            return self.fail(self.expected(
                body,
                "a whole number of results (1 or more) after `limit`",
                Some("write the most results to return, as in `limit 50`".to_owned()),
            ));
        };
        let (text, rest) = body.split_at(n);
        let span = self.span(body, rest);
        let value = text.parse::<u64>().unwrap_or_else(|_| {
            self.record(SyntaxError::LimitOutOfRange {
                span,
                text: text.to_owned(),
            });
            u64::MAX
        });
        let span = Span::new(self.off(keyword), span.hi());
        Ok((rest, Limit { span, value }))
    }

    /// `fields_clause = "fields" , path , { "," , path } ;`
    fn fields_clause(&self, keyword: &'a str, body: &'a str) -> PResult<'a, FieldsClause<'a>> {
        let mut paths = Vec::new();
        let mut rest = body;
        loop {
            let (r, path) = self.required_path(rest, "a field name")?;
            paths.push(path);
            match blank(r).strip_prefix(',') {
                Some(next) => rest = blank(next),
                None => {
                    rest = r;
                    break;
                }
            }
        }
        let end = paths.last().map_or(self.off(body), |p| p.span.hi());
        let span = Span::new(self.off(keyword), end);
        Ok((rest, FieldsClause { span, paths }))
    }

    /// A path where one is required (sort keys, fields): any word is a field name here.
    fn required_path(&self, i: &'a str, what: &str) -> PResult<'a, crate::ast::Path<'a>> {
        match self.path(i) {
            Err(nom::Err::Error(_)) => {
                let help = if i.starts_with('"') || i.starts_with('\'') {
                    "field names are not quoted; a name that needs quoting goes in backticks: `my field`"
                } else {
                    "a field is a name like `created_at` or a path like `client.name`"
                };
                self.fail(self.expected(i, what, Some(help.to_owned())))
            }
            other => other,
        }
    }
}
