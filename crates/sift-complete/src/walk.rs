//! One left-to-right walk over the tokens of a (possibly unfinished) query that knows, at each
//! token, which grammar position it is in: the entity after `from`, a field where a condition
//! starts, an operator after a field, a value after an operator, the field lists of `sort` and
//! `fields`. Completion asks where the walk ended; highlighting asks what each token was.

use sift_check::FieldCompletion;
use sift_schema::Catalog;
use sift_syntax::ast::{DedupMode, OpKind, SEMANTIC_OPTIONS, TimeAnchor};
use sift_syntax::{CLAUSE_KEYWORDS, Span, Token, TokenKind};

/// What a token turned out to be, for highlighting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Keyword,
    Operator,
    /// A field path the entity declares.
    Field,
    /// A field path the entity does not declare (only when the entity is known).
    UnknownField,
    Entity,
    UnknownEntity,
    String,
    Number,
    Date,
    Comment,
    Punct,
    /// Text that fits no lexical rule (`==`, `7d`, an unclosed string or name).
    Error,
}

/// The grammar position after the tokens walked so far.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum State {
    /// A query starts: `from`, or a bare filter.
    Start,
    AfterFrom,
    AfterEntity,
    /// A condition starts: a field, `not`, `(`.
    Operand,
    AfterField(String),
    /// `field not`: `in` follows.
    AfterNot(String),
    /// `field is`: `null` or `not null` follows.
    AfterIs(String),
    /// `field is not`: `null` follows.
    AfterIsNot(String),
    /// `field any`: `(` follows.
    AnyOpen(String),
    /// After an operator; `low` is true for the first value of `between`.
    Value {
        op: OpKind,
        field: String,
        low: bool,
    },
    /// `between low`: `and` follows.
    BetweenAnd(String),
    /// Inside a value that is a relative time (`today() - 7d`) compared with `field`; `low` as
    /// for [`State::Value`].
    Relative {
        field: String,
        low: bool,
        at: Relative,
    },
    InList,
    AfterValue,
    SortField,
    SortAfterField,
    /// After `sort field asc`: `,` or a later clause.
    SortAfterDir,
    LimitValue,
    AfterLimit,
    FieldsField,
    FieldsAfterField,
    /// Inside `similar to …`.
    Similar(Similar),
    /// Somewhere completion has nothing to offer (after an error).
    Other,
}

/// A position inside a relative time: `NAME ( ) { (+|-) DURATION }`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Relative {
    /// After the function's name: `(` follows.
    Name,
    /// After `(`: `)` follows.
    Open,
    /// After `)` or a duration: a sign, or what follows a value.
    Closed,
    /// After `+` or `-`: a duration follows.
    Sign,
}

/// Whether `text` names a relative-time function (`today`, `start_of_week`, …).
pub(crate) fn is_time_function(text: &str) -> bool {
    TimeAnchor::ALL
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case(text))
}

/// A position inside `similar to PROMPT [in FIELD] [min V] [context_size V] [dedup MODE]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Similar {
    /// After `similar`: `to` follows.
    To,
    Prompt,
    /// After the prompt or an option: the options from this index of `SEMANTIC_OPTIONS` on,
    /// or a later clause.
    Options(usize),
    /// After `in`: a configured field.
    Field,
    /// After `min` or `context_size`: a value, then the options from this index on.
    Value(usize),
    /// After `dedup`: `max` or `none`.
    Dedup,
}

/// A token, or a run of path segments joined by `.` without blanks (one path).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pub(crate) span: Span,
    pub(crate) kind: TokenKind,
    /// True for a path (a name, a quoted name, or several joined by dots).
    pub(crate) path: bool,
    /// True when several segments were joined (`a.b`): never a keyword.
    pub(crate) path_joined: bool,
}

/// Tokens with adjacent `name.name` runs merged into single path items.
pub(crate) fn items(src: &str, tokens: &[Token]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    for token in tokens {
        let is_segment = matches!(token.kind, TokenKind::Name | TokenKind::QuotedName { .. });
        let is_dot =
            token.kind == TokenKind::Punct && &src[token.span.lo()..token.span.hi()] == ".";
        if let Some(last) = out.last_mut()
            && last.span.hi() == token.span.lo()
            && ((last.path && is_dot) || (is_segment && ends_with_dot(src, last)))
        {
            last.span = last.span.to(token.span);
            last.path = true;
            last.path_joined = true;
            continue;
        }
        out.push(Item {
            span: token.span,
            kind: token.kind,
            path: is_segment,
            path_joined: false,
        });
    }
    out
}

fn ends_with_dot(src: &str, item: &Item) -> bool {
    item.path && src[item.span.lo()..item.span.hi()].ends_with('.')
}

/// The walk's memory: where it is, which entity the query is on, the `any` scopes open.
pub(crate) struct Walker<'c> {
    catalog: &'c Catalog,
    default_entity: Option<String>,
    pub(crate) entity: Option<String>,
    pub(crate) fields: Option<Vec<FieldCompletion<'c>>>,
    pub(crate) state: State,
    /// The clause the walk is in, as an index into [`CLAUSE_KEYWORDS`] (`None` before any).
    pub(crate) clause: Option<usize>,
    /// Open parentheses: `Some(array path)` for an `any (…)` scope, `None` for a group.
    scopes: Vec<Option<String>>,
    /// `Some` after `similar`: the field `in` names, if any. A `where` after it names the
    /// columns of that field's units (or of the entity's only configured field).
    semantic: Option<Option<String>>,
}

impl<'c> Walker<'c> {
    pub(crate) fn new(catalog: &'c Catalog, default_entity: Option<&str>) -> Self {
        let mut walker = Walker {
            catalog,
            default_entity: default_entity.map(str::to_owned),
            entity: None,
            fields: None,
            state: State::Start,
            clause: None,
            scopes: Vec::new(),
            semantic: None,
        };
        walker.set_entity(walker.default_entity.clone());
        walker
    }

    fn set_entity(&mut self, entity: Option<String>) {
        self.fields = entity
            .as_deref()
            .and_then(|e| sift_check::field_completions_of(self.catalog, e));
        self.entity = entity;
    }

    /// The `any` arrays enclosing the position, outermost first, as completion data writes
    /// [`FieldCompletion::within`].
    pub(crate) fn within(&self) -> Vec<String> {
        self.scopes.iter().flatten().cloned().collect()
    }

    /// How many parentheses are open.
    pub(crate) fn open_scopes(&self) -> usize {
        self.scopes.len()
    }

    /// The field a path written at the current position names, if the entity declares it.
    pub(crate) fn field(&self, path: &str) -> Option<&FieldCompletion<'c>> {
        let within = self.within();
        let mut matching = self
            .fields
            .as_ref()?
            .iter()
            .filter(|f| f.within == within && (f.path == path || f.key == path));
        let first = matching.clone().find(|f| !f.shadowed);
        first.or_else(|| matching.next())
    }

    /// Steps over one item; returns its class.
    pub(crate) fn step(&mut self, src: &str, item: &Item) -> Class {
        let text = &src[item.span.lo()..item.span.hi()];
        let word = |w: &str| text.eq_ignore_ascii_case(w);
        if item.kind == TokenKind::Comment {
            return Class::Comment;
        }
        if text == ";" {
            *self = Walker::new(self.catalog, self.default_entity.as_deref());
            return Class::Punct;
        }
        // The lexer reads a keyword that an operator follows as a field name (`from like 'x'`);
        // where a field cannot stand, a clause word is the clause (`… where not a`).
        let field_position = matches!(
            self.state,
            State::Start
                | State::Operand
                | State::AfterFrom
                | State::SortField
                | State::FieldsField
        );
        let clause_word = item.kind == TokenKind::Keyword
            || (item.kind == TokenKind::Name && !item.path_joined && !field_position);
        if clause_word && let Some(index) = CLAUSE_KEYWORDS.iter().position(|k| word(k)) {
            self.clause = Some(index);
            self.scopes.clear();
            self.state = match CLAUSE_KEYWORDS[index] {
                "from" => State::AfterFrom,
                "similar" => {
                    self.semantic = Some(None);
                    State::Similar(Similar::To)
                }
                "where" => {
                    if let Some(field) = self.semantic.clone() {
                        self.fields = self.semantic_filter(field.as_deref());
                    }
                    State::Operand
                }
                "sort" => {
                    self.set_entity(self.entity.clone());
                    State::SortField
                }
                "limit" => State::LimitValue,
                "fields" => {
                    self.set_entity(self.entity.clone());
                    State::FieldsField
                }
                _ => State::Other,
            };
            return Class::Keyword;
        }
        let state = std::mem::replace(&mut self.state, State::Other);
        let (next, class) = self.next_state(state, item, text);
        self.state = next;
        class.unwrap_or_else(|| lexical_class(item.kind))
    }

    fn next_state(&mut self, state: State, item: &Item, text: &str) -> (State, Option<Class>) {
        let word = |w: &str| text.eq_ignore_ascii_case(w);
        let is_value = matches!(
            item.kind,
            TokenKind::String { .. } | TokenKind::Number | TokenKind::Date
        ) || (item.kind == TokenKind::Keyword
            && ["true", "false", "null"].iter().any(|w| word(w)));
        match state {
            State::Start | State::Operand if item.path => {
                let class = self.field_class(text);
                (State::AfterField(text.to_owned()), Some(class))
            }
            State::Start | State::Operand if word("not") => (State::Operand, Some(Class::Keyword)),
            State::Start | State::Operand if text == "(" => {
                self.scopes.push(None);
                (State::Operand, None)
            }
            State::AfterFrom
                if matches!(item.kind, TokenKind::Keyword | TokenKind::Operator) || item.path =>
            {
                let name = unquote(text);
                let known = self.catalog.entity(&name).is_some();
                self.set_entity(Some(name));
                let class = if known {
                    Class::Entity
                } else {
                    Class::UnknownEntity
                };
                (State::AfterEntity, Some(class))
            }
            State::AfterField(field) => {
                let next = if word("not") {
                    State::AfterNot(field)
                } else if word("is") {
                    State::AfterIs(field)
                } else if word("any") {
                    State::AnyOpen(field)
                } else if let Some(op) = OpKind::from_spelling(text) {
                    State::Value {
                        op,
                        field,
                        low: op == OpKind::Between,
                    }
                } else {
                    State::Other
                };
                (next, Some(Class::Operator))
            }
            State::AfterNot(field) if word("in") => (
                State::Value {
                    op: OpKind::NotIn,
                    field,
                    low: false,
                },
                Some(Class::Operator),
            ),
            State::AfterIs(field) if word("not") => {
                (State::AfterIsNot(field), Some(Class::Operator))
            }
            State::AfterIs(_) | State::AfterIsNot(_) if word("null") => {
                (State::AfterValue, Some(Class::Operator))
            }
            State::AnyOpen(field) if text == "(" => {
                self.scopes.push(Some(field));
                (State::Operand, None)
            }
            State::Value { field, low, .. }
                if item.path && !item.path_joined && is_time_function(text) =>
            {
                let at = Relative::Name;
                (State::Relative { field, low, at }, Some(Class::Keyword))
            }
            State::Relative { field, low, at } => self.relative(field, low, at, item, text),
            State::Value {
                field, low: true, ..
            } if is_value => (State::BetweenAnd(field), None),
            State::Value { .. } if is_value => (State::AfterValue, None),
            State::Value { .. } if text == "[" || text == "(" => (State::InList, None),
            State::BetweenAnd(field) if word("and") => (
                State::Value {
                    op: OpKind::Between,
                    field,
                    low: false,
                },
                Some(Class::Keyword),
            ),
            State::InList if text == "]" || text == ")" => (State::AfterValue, None),
            State::InList => (State::InList, None),
            State::AfterValue if word("and") || word("or") => {
                (State::Operand, Some(Class::Keyword))
            }
            State::AfterValue if text == ")" => {
                self.scopes.pop();
                (State::AfterValue, None)
            }
            State::SortField if item.path => {
                (State::SortAfterField, Some(self.top_field_class(text)))
            }
            State::SortAfterField if word("asc") || word("desc") => (State::SortAfterDir, None),
            State::SortAfterField | State::SortAfterDir if text == "," => (State::SortField, None),
            State::LimitValue if item.kind == TokenKind::Number => (State::AfterLimit, None),
            State::FieldsField if item.path => {
                (State::FieldsAfterField, Some(self.top_field_class(text)))
            }
            State::FieldsAfterField if text == "," => (State::FieldsField, None),
            State::Similar(at) => self.similar(at, item, text, is_value),
            _ => (State::Other, None),
        }
    }

    /// One step inside a relative time; after it is closed, any other token is read as what
    /// follows a value.
    fn relative(
        &mut self,
        field: String,
        low: bool,
        at: Relative,
        item: &Item,
        text: &str,
    ) -> (State, Option<Class>) {
        let state = |at| State::Relative {
            field: field.clone(),
            low,
            at,
        };
        match at {
            Relative::Name if text == "(" => (state(Relative::Open), None),
            Relative::Open if text == ")" => (state(Relative::Closed), None),
            Relative::Closed if text == "+" || text == "-" => {
                (state(Relative::Sign), Some(Class::Operator))
            }
            // `-7d` written without a blank is one token.
            Relative::Closed if text.len() > 1 && text.starts_with(['+', '-']) => {
                (state(Relative::Closed), Some(Class::Number))
            }
            Relative::Sign if matches!(item.kind, TokenKind::Unknown | TokenKind::Number) => {
                (state(Relative::Closed), Some(Class::Number))
            }
            Relative::Closed => {
                let after = if low {
                    State::BetweenAnd(field)
                } else {
                    State::AfterValue
                };
                self.next_state(after, item, text)
            }
            _ => (State::Other, None),
        }
    }

    /// One step inside `similar to …`.
    fn similar(
        &mut self,
        at: Similar,
        item: &Item,
        text: &str,
        is_value: bool,
    ) -> (State, Option<Class>) {
        let word = |w: &str| text.eq_ignore_ascii_case(w);
        let next = match at {
            Similar::To if word("to") => Similar::Prompt,
            Similar::Prompt if is_value => Similar::Options(0),
            Similar::Options(from) => {
                let Some(index) =
                    (from..SEMANTIC_OPTIONS.len()).find(|&i| word(SEMANTIC_OPTIONS[i]))
                else {
                    return (State::Other, None);
                };
                let next = match SEMANTIC_OPTIONS[index] {
                    "in" => Similar::Field,
                    "dedup" => Similar::Dedup,
                    _ => Similar::Value(index + 1),
                };
                return (State::Similar(next), Some(Class::Keyword));
            }
            Similar::Field if item.path => {
                let class = if self.configured(text).is_some() || self.fields.is_none() {
                    Class::Field
                } else {
                    Class::UnknownField
                };
                self.semantic = Some(Some(text.to_owned()));
                return (State::Similar(Similar::Options(1)), Some(class));
            }
            Similar::Value(next) if is_value => Similar::Options(next),
            Similar::Dedup if DedupMode::from_word(text).is_some() => {
                return (
                    State::Similar(Similar::Options(SEMANTIC_OPTIONS.len())),
                    Some(Class::Keyword),
                );
            }
            _ => return (State::Other, None),
        };
        let class = (at == Similar::To).then_some(Class::Keyword);
        (State::Similar(next), class)
    }

    /// The field configured for semantic search that `path` names, on the walk's entity.
    pub(crate) fn configured(&self, path: &str) -> Option<&'c sift_schema::Field> {
        let entity = self.catalog.entity(self.entity.as_deref()?)?;
        let key = unquote(path);
        entity
            .semantic_fields()
            .map(|(field, _)| field)
            .find(|f| f.name == key || f.name == path)
    }

    /// The names a semantic filter can use: the columns of the units of `field`, else of the
    /// entity's only configured field; `None` when neither is known.
    fn semantic_filter(&self, field: Option<&str>) -> Option<Vec<FieldCompletion<'c>>> {
        let entity = self.catalog.entity(self.entity.as_deref()?)?;
        let name = match field {
            Some(path) => self.configured(path)?.name.as_str(),
            None => {
                let mut configured = entity.semantic_fields();
                let (only, _) = configured.next()?;
                if configured.next().is_some() {
                    return None;
                }
                only.name.as_str()
            }
        };
        sift_check::semantic_filter_completions(entity, name)
    }

    fn field_class(&self, path: &str) -> Class {
        match (&self.fields, self.field(path)) {
            (_, Some(_)) => Class::Field,
            (Some(_), None) => Class::UnknownField,
            (None, None) => Class::Field,
        }
    }

    /// `sort` and `fields` name fields of the entity itself, never inside `any`.
    fn top_field_class(&self, path: &str) -> Class {
        let Some(fields) = &self.fields else {
            return Class::Field;
        };
        if fields
            .iter()
            .any(|f| f.within.is_empty() && (f.path == path || f.key == path))
        {
            Class::Field
        } else {
            Class::UnknownField
        }
    }
}

fn lexical_class(kind: TokenKind) -> Class {
    match kind {
        TokenKind::Keyword => Class::Keyword,
        TokenKind::Operator => Class::Operator,
        TokenKind::Name | TokenKind::QuotedName { closed: true } => Class::Field,
        TokenKind::String { closed: true } => Class::String,
        TokenKind::Number => Class::Number,
        TokenKind::Date => Class::Date,
        TokenKind::Comment => Class::Comment,
        TokenKind::Punct => Class::Punct,
        TokenKind::String { closed: false }
        | TokenKind::QuotedName { closed: false }
        | TokenKind::Unknown => Class::Error,
    }
}

/// An entity name as written after `from`, backticks removed (`` `a``b` `` is a`b).
pub(crate) fn unquote(text: &str) -> String {
    match text.strip_prefix('`') {
        Some(inner) => inner.strip_suffix('`').unwrap_or(inner).replace("``", "`"),
        None => text.to_owned(),
    }
}
