//! `sift-complete`: what can be typed at a cursor in sift source, for the REPL and editors.
//!
//! Pure functions of (source, cursor, catalog, entity, target): [`complete`] lists the
//! candidates (entities after `from`, the fields of the entity where a field can stand,
//! `any` scopes included, only the operators valid for the field's type on the target, `true` /
//! `false` after `=` on a boolean, the relative-time functions (`today()`, `start_of_week()`, …)
//! where a field of dates or times is compared, clause keywords where a clause can start), each
//! with its type and description; [`hint`] is the inline hint of a field being typed; [`highlight`] classes
//! every token, marking field names the entity does not declare.
//!
//! Spellings come from the syntax crate's tables (`Keyword`, `OPERATOR_SPELLINGS`,
//! `CLAUSE_KEYWORDS`), the operators of a type from the checker's table, and target support
//! from `Target`.

mod walk;

use sift_check::FieldCompletion;
use sift_lower::Target;
use sift_schema::{Catalog, Kind};
use sift_syntax::ast::{DedupMode, OPERATOR_SPELLINGS, OpKind, SEMANTIC_OPTIONS, TimeAnchor};
use sift_syntax::{CLAUSE_KEYWORDS, Keyword, Span, TokenKind, tokens};

pub use walk::Class;
use walk::{Item, Relative, Similar, State, Walker, items};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CandidateKind {
    Entity,
    Field,
    Operator,
    Keyword,
    Value,
}

/// One thing that can be typed at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The text that replaces [`Completions::replace`].
    pub text: String,
    pub kind: CandidateKind,
    /// The field's type as the docs write it (`null | boolean`), or what an entity holds.
    pub detail: Option<String>,
    pub description: Option<String>,
}

/// The candidates at a cursor, and the stretch of source they replace (the word being typed,
/// empty when the cursor follows a blank).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completions {
    pub replace: Span,
    pub candidates: Vec<Candidate>,
}

/// Everything that can be typed at byte `cursor` of `source` (clamped to the source and to a
/// character boundary). `entity` is the entity of a filter without `from`.
pub fn complete(
    source: &str,
    cursor: usize,
    catalog: &Catalog,
    entity: Option<&str>,
    target: Target,
) -> Completions {
    let cursor = boundary(source, cursor);
    let before = &source[..cursor];
    let all = items(before, &tokens(before));
    // The word under the cursor is what the candidates must start with; a symbol operator
    // such as `=` is complete as typed, so what follows it is offered instead.
    let (walked, prefix) = match all.split_last() {
        Some((last, rest)) if last.span.hi() == cursor && is_partial_word(before, last) => {
            (rest, Some(last))
        }
        _ => (all.as_slice(), None),
    };
    let mut walker = Walker::new(catalog, entity);
    for item in walked {
        walker.step(before, item);
    }
    let typed = prefix.map_or("", |p| &before[p.span.lo()..p.span.hi()]);
    let replace = prefix.map_or(Span::new(cursor, cursor), |p| p.span);
    if prefix.is_some_and(|p| matches!(p.kind, TokenKind::String { .. })) {
        return Completions {
            replace,
            candidates: Vec::new(),
        };
    }
    let candidates = candidates(&walker, catalog, target)
        .into_iter()
        .filter(|c| starts_with_ignoring_case(&c.text, typed) && c.text != typed)
        .collect();
    Completions {
        replace,
        candidates,
    }
}

/// The inline hint at the cursor: when a field name is being typed, the rest of the first
/// field it can complete to (`rest`) and that field's type and description (`note`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    pub rest: String,
    pub note: String,
}

pub fn hint(
    source: &str,
    cursor: usize,
    catalog: &Catalog,
    entity: Option<&str>,
    target: Target,
) -> Option<Hint> {
    let cursor = boundary(source, cursor);
    let completions = complete(source, cursor, catalog, entity, target);
    let typed = &source[completions.replace.lo()..cursor];
    if typed.is_empty() {
        return None;
    }
    let field = completions
        .candidates
        .iter()
        .find(|c| c.kind == CandidateKind::Field)?;
    let rest = field.text.get(typed.len()..).unwrap_or("").to_owned();
    let mut note = field.detail.clone().unwrap_or_default();
    if let Some(description) = &field.description {
        note.push_str(" — ");
        note.push_str(description);
    }
    Some(Hint { rest, note })
}

/// Every token of `source` with its class: the walk's verdict where it knows the position
/// (fields the entity does not declare are [`Class::UnknownField`]), else the lexical kind.
pub fn highlight(source: &str, catalog: &Catalog, entity: Option<&str>) -> Vec<(Span, Class)> {
    let all = items(source, &tokens(source));
    let mut walker = Walker::new(catalog, entity);
    all.iter()
        .map(|item| (item.span, walker.step(source, item)))
        .collect()
}

/// Whether `source` stops where the grammar needs more: after `from`, `where`, `and`, an
/// operator, a `,` of `sort`/`fields`, inside an open `(` or `[`. A REPL continues such an
/// entry on the next line instead of reporting "found end of input".
pub fn is_unfinished(source: &str) -> bool {
    let empty = Catalog {
        definition_id: None,
        connector: String::new(),
        entities: Vec::new(),
    };
    let all = items(source, &tokens(source));
    let mut walker = Walker::new(&empty, None);
    for item in &all {
        walker.step(source, item);
    }
    walker.open_scopes() > 0
        || matches!(
            walker.state,
            State::AfterFrom
                | State::Operand
                | State::AfterField(_)
                | State::AfterNot(_)
                | State::AfterIs(_)
                | State::AfterIsNot(_)
                | State::AnyOpen(_)
                | State::Value { .. }
                | State::BetweenAnd(_)
                | State::Relative {
                    at: Relative::Name | Relative::Open | Relative::Sign,
                    ..
                }
                | State::InList
                | State::SortField
                | State::LimitValue
                | State::FieldsField
                | State::Similar(
                    Similar::To
                        | Similar::Prompt
                        | Similar::Field
                        | Similar::Value(_)
                        | Similar::Dedup
                )
        ) && !all.is_empty()
}

fn boundary(source: &str, cursor: usize) -> usize {
    let mut cursor = cursor.min(source.len());
    while !source.is_char_boundary(cursor) {
        cursor -= 1;
    }
    cursor
}

fn is_partial_word(src: &str, item: &Item) -> bool {
    let text = &src[item.span.lo()..item.span.hi()];
    let word = matches!(item.kind, TokenKind::Keyword | TokenKind::Operator)
        && text.starts_with(|c: char| c.is_ascii_alphabetic());
    item.path || word || matches!(item.kind, TokenKind::String { closed: false })
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// What the walk's position admits, before filtering by what is typed.
fn candidates(walker: &Walker<'_>, catalog: &Catalog, target: Target) -> Vec<Candidate> {
    let mut out = Vec::new();
    // `similar` only where the server has semantic search and the entity, when known,
    // configures it on some field.
    let entity = walker.entity.as_deref().and_then(|e| catalog.entity(e));
    let semantic =
        target.has_semantic() && entity.is_none_or(|e| e.semantic_fields().next().is_some());
    let later_clauses = |out: &mut Vec<Candidate>, after: Option<usize>| {
        let from = after.map_or(0, |i| i + 1);
        for clause in CLAUSE_KEYWORDS.iter().skip(from) {
            if *clause == "similar" && !semantic {
                continue;
            }
            out.extend(keyword(clause));
        }
    };
    match &walker.state {
        State::Start => {
            out.extend(keyword("from"));
            fields_in_scope(&mut out, walker);
            out.extend(keyword("not"));
        }
        State::AfterFrom => {
            for entity in sift_check::entity_completions(catalog) {
                out.push(Candidate {
                    text: entity.text,
                    kind: CandidateKind::Entity,
                    detail: Some(format!("entity, {} fields", entity.field_count)),
                    description: entity.description.map(str::to_owned),
                });
            }
        }
        State::AfterEntity => later_clauses(&mut out, walker.clause),
        State::Operand => {
            fields_in_scope(&mut out, walker);
            out.extend(keyword("not"));
        }
        State::AfterField(path) => {
            if let Some(field) = walker.field(path) {
                for op in on_target(&field.operators, target) {
                    out.push(operator(op));
                }
            }
        }
        State::AfterNot(path) => {
            if let Some(field) = walker.field(path)
                && field.operators.contains(&OpKind::NotIn)
            {
                out.extend(spelling_rest(OpKind::NotIn, "not "));
            }
        }
        State::AfterIs(path) | State::AfterIsNot(path) => {
            let typed = match walker.state {
                State::AfterIs(_) => "is ",
                _ => "is not ",
            };
            if let Some(field) = walker.field(path) {
                for op in [OpKind::IsNull, OpKind::IsNotNull] {
                    if field.operators.contains(&op) {
                        out.extend(spelling_rest(op, typed));
                    }
                }
            }
        }
        State::Value { op, field, .. } => {
            // A field of times is compared with a relative time as well as a literal.
            let times = walker.field(field).is_some_and(|f| f.format.is_some());
            let compares = matches!(
                op,
                OpKind::Eq
                    | OpKind::Neq
                    | OpKind::Lt
                    | OpKind::Lte
                    | OpKind::Gt
                    | OpKind::Gte
                    | OpKind::Between
            );
            if times && compares {
                out.extend(TimeAnchor::ALL.iter().map(|(name, _)| Candidate {
                    text: format!("{name}()"),
                    kind: CandidateKind::Value,
                    detail: Some(String::from("relative time")),
                    description: Some(String::from(
                        "resolved when compiled; add + or - a duration (7d, 2w, 1mo)",
                    )),
                }));
            }
            let boolean = walker
                .field(field)
                .is_some_and(|f| f.ty.kinds == [Kind::Boolean]);
            if boolean && matches!(op, OpKind::Eq | OpKind::Neq) {
                for value in ["true", "false"] {
                    out.extend(keyword(value).map(|c| Candidate {
                        kind: CandidateKind::Value,
                        ..c
                    }));
                }
            }
        }
        State::AfterValue
        | State::Relative {
            at: Relative::Closed,
            low: false,
            ..
        } => {
            out.extend(keyword("and"));
            out.extend(keyword("or"));
            later_clauses(&mut out, walker.clause);
        }
        State::Relative {
            at: Relative::Closed,
            low: true,
            ..
        } => out.extend(keyword("and")),
        State::SortField | State::FieldsField => top_fields(&mut out, walker),
        State::SortAfterField => {
            out.extend(keyword("asc"));
            out.extend(keyword("desc"));
            later_clauses(&mut out, walker.clause);
        }
        State::SortAfterDir | State::AfterLimit => later_clauses(&mut out, walker.clause),
        State::Similar(at) => similar(&mut out, walker, catalog, *at, &later_clauses),
        State::AnyOpen(_)
        | State::Relative { .. }
        | State::BetweenAnd(_)
        | State::InList
        | State::LimitValue
        | State::FieldsAfterField
        | State::Other => {}
    }
    out
}

/// What can follow inside `similar to …`: `to`, the options not yet written (in their
/// order), the configured fields after `in`, the modes after `dedup`, the later clauses.
fn similar(
    out: &mut Vec<Candidate>,
    walker: &Walker<'_>,
    catalog: &Catalog,
    at: Similar,
    later_clauses: &dyn Fn(&mut Vec<Candidate>, Option<usize>),
) {
    let word = |text: &str| Candidate {
        text: text.to_owned(),
        kind: CandidateKind::Keyword,
        detail: None,
        description: None,
    };
    match at {
        Similar::To => out.push(word("to")),
        Similar::Options(from) => {
            out.extend(SEMANTIC_OPTIONS.iter().skip(from).map(|w| word(w)));
            later_clauses(out, walker.clause);
        }
        Similar::Field => {
            let entity = walker.entity.as_deref().and_then(|e| catalog.entity(e));
            for (field, search) in entity.iter().flat_map(|e| e.semantic_fields()) {
                out.push(Candidate {
                    text: sift_check::written_field_name(&field.name),
                    kind: CandidateKind::Field,
                    detail: Some(format!("semantic search, unit `{}`", search.unit_label)),
                    description: field.description.clone(),
                });
            }
        }
        Similar::Dedup => out.extend(DedupMode::ALL.iter().map(|m| word(m.as_str()))),
        Similar::Prompt | Similar::Value(_) => {}
    }
}

/// The operators of `ops` the target's API accepts: `like` only where the server has it.
fn on_target(ops: &[OpKind], target: Target) -> impl Iterator<Item = OpKind> + '_ {
    ops.iter()
        .copied()
        .filter(move |&op| op != OpKind::Like || target.has_like())
}

/// A keyword as the syntax table spells it; `None` for a word the table does not have.
fn keyword(word: &str) -> Option<Candidate> {
    Keyword::all()
        .find(|k| k.eq_ignore_ascii_case(word))
        .map(|k| Candidate {
            text: k.to_owned(),
            kind: CandidateKind::Keyword,
            detail: None,
            description: None,
        })
}

fn operator(op: OpKind) -> Candidate {
    Candidate {
        text: op.as_str().to_owned(),
        kind: CandidateKind::Operator,
        detail: Some(String::from("operator")),
        description: None,
    }
}

/// The rest of a multi-word operator after the words already typed (`not null` after `is`).
fn spelling_rest(op: OpKind, typed: &str) -> Option<Candidate> {
    OPERATOR_SPELLINGS
        .iter()
        .find(|(_, kind)| *kind == op)
        .and_then(|(spelling, _)| spelling.strip_prefix(typed))
        .map(|rest| Candidate {
            text: rest.to_owned(),
            ..operator(op)
        })
}

fn field_candidate(field: &FieldCompletion<'_>) -> Candidate {
    Candidate {
        text: field.path.clone(),
        kind: CandidateKind::Field,
        detail: Some(field.type_text()),
        description: field.description.map(str::to_owned),
    }
}

/// The fields a condition at this position can name: those of the innermost `any` scope.
fn fields_in_scope(out: &mut Vec<Candidate>, walker: &Walker<'_>) {
    let within = walker.within();
    if let Some(fields) = &walker.fields {
        out.extend(
            fields
                .iter()
                .filter(|f| f.within == within && !f.shadowed)
                .map(field_candidate),
        );
    }
}

/// The fields `sort` and `fields` can name: the entity's own and its objects', not inside
/// arrays.
fn top_fields(out: &mut Vec<Candidate>, walker: &Walker<'_>) {
    if let Some(fields) = &walker.fields {
        out.extend(
            fields
                .iter()
                .filter(|f| f.within.is_empty() && !f.shadowed)
                .map(field_candidate),
        );
    }
}
