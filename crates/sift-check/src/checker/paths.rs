//! Resolving a source path in a scope (an entity's fields, or an array element's properties)
//! and reporting what went wrong with it.

use std::borrow::Cow;

use sift_schema::{Entity, Field, Kind, Outcome, SemanticSearch, Type, resolve_path};
use sift_syntax::ast::Path;
use sift_syntax::{Fix, Span};

use crate::checker::Checker;
use crate::error::CheckError;
use crate::suggest::{SuggestionIndex, did_you_mean, name_list, unique_best};

/// How many names a help text lists before "and N more".
const LISTED_NAMES: usize = 12;

/// Where names are looked up.
#[derive(Clone, Debug)]
pub(crate) enum Scope<'c> {
    /// Declared fields: an entity's (`owner` = "entity `users`") or an array element's.
    Fields {
        fields: &'c [Field],
        owner: Owner<'c>,
    },
    /// Inside `any (…)` over an array whose elements declare no properties: nothing is checked.
    Opaque { array: String },
}

/// Whose fields a scope holds, written out for a message.
#[derive(Clone, Debug)]
pub(crate) enum Owner<'c> {
    /// An entity's, by its name.
    Entity(&'c str),
    /// The elements of an array, by the array's path as written.
    Elements(String),
    /// The columns of the units of a field configured for semantic search: what the filter
    /// of a semantic query names.
    SemanticFilter {
        entity: &'c Entity,
        field: &'c str,
        search: &'c SemanticSearch,
    },
}

impl Owner<'_> {
    /// "entity `users`", "the elements of `tags`", "the semantic filter of `name`".
    fn describe(&self) -> String {
        match self {
            Owner::Entity(name) => format!("entity `{name}`"),
            Owner::Elements(array) => format!("the elements of `{array}`"),
            Owner::SemanticFilter { field, .. } => format!("the semantic filter of `{field}`"),
        }
    }
}

impl<'c> Scope<'c> {
    pub(crate) fn entity(name: &'c str, fields: &'c [Field]) -> Scope<'c> {
        Scope::Fields {
            fields,
            owner: Owner::Entity(name),
        }
    }

    /// The columns a semantic query on `field` of `entity` filters on.
    pub(crate) fn semantic_filter(
        entity: &'c Entity,
        field: &'c Field,
        search: &'c SemanticSearch,
    ) -> Scope<'c> {
        Scope::Fields {
            fields: &search.filter_fields,
            owner: Owner::SemanticFilter {
                entity,
                field: &field.name,
                search,
            },
        }
    }

    /// The scope of the elements of the array `field` (its text `array`).
    pub(crate) fn elements(array: String, ty: Option<&'c Type>) -> Scope<'c> {
        match ty.and_then(|t| t.properties.as_deref()) {
            Some(fields) => Scope::Fields {
                fields,
                owner: Owner::Elements(array),
            },
            None => Scope::Opaque { array },
        }
    }
}

impl<'c> Scope<'c> {
    /// The declared field `path` names when it is one plain name of this scope: the common
    /// case, found without the general walk.
    #[inline]
    pub(crate) fn plain_field(&self, path: &Path<'_>) -> Option<&'c Field> {
        let (Scope::Fields { fields, .. }, [segment]) = (self, path.segments.as_slice()) else {
            return None;
        };
        let name = segment.text.as_bytes();
        // Lengths and first bytes differ for most names: compare those before the bytes.
        fields.iter().find(|f| {
            let candidate = f.name.as_bytes();
            candidate.len() == name.len() && candidate.first() == name.first() && candidate == name
        })
    }
}

impl<'c> ResolvedPath<'_, 'c> {
    /// A plain declared field: its type and format, no keys, no array entries.
    pub(crate) fn declared(field: &'c Field) -> Self {
        ResolvedPath {
            ty: Some(&field.ty),
            format: field.format,
            keys: Vec::new(),
            array_entries: Vec::new(),
        }
    }
}

/// What a path is used for: only returned fields may go into the elements of an array.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathUse {
    /// A condition's field or a sort key: through an array, the caller reports an error.
    Compared,
    /// A path of the `fields` clause, which selects returned data.
    Returned,
}

/// A path that resolved: its type, if the schema declares it, and its keys (one per declared
/// property walked, then one per unchecked segment).
#[derive(Debug)]
pub(crate) struct ResolvedPath<'a, 'c> {
    pub(crate) ty: Option<&'c Type>,
    /// The declared field's time format, if any (see [`sift_schema::Field::format`]).
    pub(crate) format: Option<sift_schema::TimeFormat>,
    /// Read only for returned paths (empty for a compared path of one declared name).
    pub(crate) keys: Vec<Cow<'a, str>>,
    /// Where the path enters the elements of an array (segment indices, see
    /// [`sift_schema::Resolution::array_entries`]); conditions and sort keys must not.
    pub(crate) array_entries: Vec<usize>,
}

/// The path as its JSON key: segments joined with `.`, borrowed when there is one segment.
pub(crate) fn path_key<'a>(path: &Path<'a>) -> Cow<'a, str> {
    match path.segments.as_slice() {
        [one] => one.text.clone(),
        many => Cow::Owned(join(many.iter().map(|s| s.text.as_ref()))),
    }
}

fn join<'t>(parts: impl Iterator<Item = &'t str> + Clone) -> String {
    // Sized once: a key is written for every condition on a nested path.
    let len = parts.clone().map(|p| p.len() + 1).sum::<usize>();
    let mut out = String::with_capacity(len.saturating_sub(1));
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push('.');
        }
        out.push_str(part);
    }
    out
}

/// Whether two paths have the same JSON key ([`path_key`]), without writing either.
pub(crate) fn same_key(a: &Path<'_>, b: &Path<'_>) -> bool {
    match (a.segments.as_slice(), b.segments.as_slice()) {
        ([x], [y]) => x.text == y.text,
        (x, y) => key_bytes(x).eq(key_bytes(y)),
    }
}

/// The bytes of the JSON key of a path's segments: their texts joined by `.`.
fn key_bytes<'s>(segments: &'s [sift_syntax::ast::Name<'_>]) -> impl Iterator<Item = u8> + 's {
    segments.iter().enumerate().flat_map(move |(at, s)| {
        let dot: &[u8] = if at + 1 < segments.len() { b"." } else { b"" };
        s.text.as_bytes().iter().chain(dot).copied()
    })
}

/// The span of segments `from..` of `path` (the whole path when out of range).
fn tail_span(path: &Path<'_>, from: usize) -> Span {
    match (path.segments.get(from), path.segments.last()) {
        (Some(first), Some(last)) => first.span.to(last.span),
        _ => path.span,
    }
}

pub(crate) fn prefix_text(path: &Path<'_>, to: usize) -> String {
    join(path.segments.iter().take(to).map(|s| s.text.as_ref()))
}

/// A field name as a condition writes it: a dotted name as a bare path (`properties.email`,
/// which resolves to the dotted field) when its parts allow, else as one quoted name.
pub fn field_as_written(name: &str) -> String {
    let segments = name
        .split('.')
        .map(|part| sift_syntax::ast::Name {
            span: Span::default(),
            text: Cow::Borrowed(part),
            quoted: false,
        })
        .collect();
    let path = Path {
        span: Span::default(),
        segments,
    };
    let written = sift_syntax::format_path(&path);
    if written.contains('`') {
        let one = Path {
            span: Span::default(),
            segments: sift_syntax::ast::Segments::one(sift_syntax::ast::Name {
                span: Span::default(),
                text: Cow::Borrowed(name),
                quoted: false,
            }),
        };
        sift_syntax::format_path(&one)
    } else {
        written
    }
}

fn kind_word(ty: &Type) -> &'static str {
    if ty.has(Kind::Array) {
        "an array"
    } else {
        "an object"
    }
}

impl Checker {
    /// Resolves `path` in `scope`; reports unknown names and paths into scalars (errors) and
    /// unchecked or ambiguous paths (warnings). `None` when the path names nothing. A compared
    /// path into array elements gets no unchecked-path warning: its caller reports an error.
    pub(crate) fn resolve<'a, 'c>(
        &mut self,
        path: &Path<'a>,
        scope: &Scope<'c>,
        usage: PathUse,
    ) -> Option<ResolvedPath<'a, 'c>> {
        let (fields, owner) = match scope {
            Scope::Fields { fields, owner } => (*fields, owner),
            Scope::Opaque { array } => {
                let key = path_key(path);
                if self.first_unchecked(format!("{array}\u{0}{key}")) {
                    self.push(CheckError::UncheckedPath {
                    path: key.to_string(),
                    opaque: array.clone(),
                    kind: String::from("an array"),
                    span: path.span,
                    help: format!(
                        "names inside `any (…)` are relative to the elements of `{array}`, and the schema declares no element properties; `{key}` is sent as written, so a misspelt name would silently match nothing"
                    ),
                });
                }
                let keys = path.segments.iter().map(|s| s.text.clone()).collect();
                return Some(ResolvedPath {
                    ty: None,
                    format: None,
                    keys,
                    array_entries: Vec::new(),
                });
            }
        };
        // The common case, one plain name, without the general walk's allocations (a compared
        // path's keys are not read: its key is `path_key`).
        if let [segment] = path.segments.as_slice()
            && let Some(field) = fields.iter().find(|f| f.name == segment.text)
        {
            return Some(ResolvedPath {
                ty: Some(&field.ty),
                format: field.format,
                keys: match usage {
                    PathUse::Returned => vec![segment.text.clone()],
                    PathUse::Compared => Vec::new(),
                },
                array_entries: Vec::new(),
            });
        }
        let texts: Vec<&str> = path.segments.iter().map(|s| s.text.as_ref()).collect();
        let resolution = resolve_path(fields, &texts);
        if let Some(ambiguity) = &resolution.ambiguity {
            let chosen = join(
                texts
                    .get(ambiguity.chosen.start..ambiguity.chosen.end)
                    .unwrap_or_default()
                    .iter()
                    .copied(),
            );
            let span = match (
                path.segments.get(ambiguity.chosen.start),
                path.segments.get(ambiguity.chosen.end.saturating_sub(1)),
            ) {
                (Some(a), Some(b)) => a.span.to(b.span),
                _ => path.span,
            };
            let quoted = format!("`{chosen}`");
            self.push(CheckError::AmbiguousPath {
                path: join(texts.iter().copied()),
                help: format!(
                    "a field named exactly `{chosen}` wins over a walk into `{other}`; write ``{quoted}`` (one name in backticks) to say so explicitly and silence this warning. The property inside `{other}` has the same JSON key, so it cannot be addressed separately",
                    other = ambiguity.other.name,
                ),
                other: ambiguity.other.name.clone(),
                fix: Some(Fix {
                    span,
                    replacement: quoted,
                }),
                chosen,
                span,
            });
        }
        let mut keys: Vec<Cow<'a, str>> = resolution
            .steps
            .iter()
            .map(|step| match path.segments.get(step.start..step.end) {
                Some([one]) => one.text.clone(),
                Some(many) => Cow::Owned(join(many.iter().map(|s| s.text.as_ref()))),
                None => Cow::Borrowed(""),
            })
            .collect();
        match resolution.outcome {
            Outcome::Field(field) => Some(ResolvedPath {
                ty: Some(&field.ty),
                format: field.format,
                keys,
                array_entries: resolution.array_entries(),
            }),
            Outcome::Unchecked { opaque, rest } => {
                let opaque_text = prefix_text(path, rest);
                let full = join(texts.iter().copied());
                let array_entries = resolution.array_entries();
                let reported_by_caller = usage == PathUse::Compared && !array_entries.is_empty();
                if !reported_by_caller && self.first_unchecked(full.clone()) {
                    self.push(CheckError::UncheckedPath {
                    path: full,
                    kind: kind_word(&opaque.ty).to_owned(),
                    span: tail_span(path, rest),
                    help: format!(
                        "the schema declares no properties for `{opaque_text}`, so sift sends the key as written; a misspelt name would silently match nothing"
                    ),
                    opaque: opaque_text,
                });
                }
                keys.extend(path.segments.iter().skip(rest).map(|s| s.text.clone()));
                Some(ResolvedPath {
                    ty: None,
                    format: None,
                    keys,
                    array_entries,
                })
            }
            Outcome::Unknown {
                parent,
                at,
                candidates,
            } => {
                if let (
                    None,
                    Owner::SemanticFilter {
                        entity,
                        field,
                        search,
                    },
                ) = (parent, owner)
                    && self.outside_namespace(path, entity, field, search)
                {
                    return None;
                }
                let owner = match parent {
                    None => owner.describe(),
                    Some(p) if p.ty.has(Kind::Array) => {
                        format!("the elements of `{}`", prefix_text(path, at))
                    }
                    Some(_) => format!("object `{}`", prefix_text(path, at)),
                };
                self.unknown_field(path, at, candidates, owner);
                None
            }
            Outcome::IntoScalar { scalar, at } => {
                let field = prefix_text(path, at);
                let removal = path
                    .segments
                    .get(at.saturating_sub(1))
                    .map(|s| Span::new(s.span.hi(), path.span.hi().max(s.span.hi())));
                self.push(CheckError::PathIntoScalar {
                    path: join(texts.iter().copied()),
                    ty: scalar.ty.to_string(),
                    span: tail_span(path, at),
                    help: format!(
                        "`{field}` is a `{}` value with no properties; filter on `{field}` itself",
                        scalar.ty
                    ),
                    fix: removal.map(|span| Fix {
                        span,
                        replacement: String::new(),
                    }),
                    field,
                });
                None
            }
        }
    }

    fn unknown_field(&mut self, path: &Path<'_>, at: usize, candidates: &[Field], owner: String) {
        let Some(segment) = path.segments.get(at) else {
            return;
        };
        let name = segment.text.as_ref();
        let index = self
            .suggestion_indexes
            .entry(NamesKey::of(candidates))
            .or_insert_with(|| SuggestionIndex::new(candidates.iter().map(|f| f.name.as_str())));
        let suggestions: Vec<&str> = index
            .suggest(name)
            .into_iter()
            .filter_map(|i| candidates.get(i).map(|f| f.name.as_str()))
            .collect();
        let fix = unique_best(name, &suggestions).map(|best| Fix {
            span: segment.span,
            replacement: field_as_written(best),
        });
        let help = match did_you_mean(&suggestions) {
            Some(text) if suggestions.iter().any(|s| s.eq_ignore_ascii_case(name)) => {
                format!("field names are case-sensitive: {text}")
            }
            Some(text) => text,
            None if candidates.is_empty() => format!("the schema declares no fields for {owner}"),
            None => format!(
                "fields of {owner}: {}",
                name_list(candidates.iter().map(|f| f.name.as_str()), LISTED_NAMES)
            ),
        };
        self.push(CheckError::UnknownField {
            name: name.to_owned(),
            owner,
            span: segment.span,
            help,
            fix,
        });
    }
}

/// What a "did you mean" index is built from and so kept by: the candidate names, in order (as
/// their count and a hash of them). Two lists with the same names get the same suggestions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct NamesKey {
    len: usize,
    hash: u64,
}

impl NamesKey {
    fn of(candidates: &[Field]) -> NamesKey {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        for field in candidates {
            hasher.write(field.name.as_bytes());
            hasher.write_u8(0xff);
        }
        NamesKey {
            len: candidates.len(),
            hash: hasher.finish(),
        }
    }
}
