//! The query's clauses: the entity, `sort`, `limit` and `fields`; the filter goes through
//! [`Checker::check_expr`].

use std::borrow::Cow;
use std::collections::HashMap;

use sift_schema::{Catalog, Entity};
use sift_syntax::ast::{ExprKind, Limit, Path, Query};
use sift_syntax::{Fix, Span, format_path};

use crate::checker::Checker;
use crate::checker::paths::{PathUse, Scope, path_key, prefix_text};
use crate::error::CheckError;
use crate::suggest::{did_you_mean, name_list, suggest, unique_best};
use crate::typed::{TypedQuery, TypedSortKey};

/// Entity lists longer than this are truncated in help.
const LISTED_ENTITIES: usize = 30;
/// Field lists longer than this are truncated in help.
const LISTED_FIELDS: usize = 12;

impl Checker {
    /// The entity the query searches: `from NAME`, else the one given out of band.
    pub(crate) fn entity<'c>(
        &mut self,
        query: &Query<'_>,
        catalog: &'c Catalog,
        default_entity: Option<&str>,
    ) -> Option<&'c Entity> {
        let here = Span::new(query.span.lo(), query.span.lo());
        let (name, span, in_source) = match (&query.from, default_entity) {
            (Some(from), given) => {
                if let Some(given) = given.filter(|g| *g != from.text.as_ref()) {
                    self.push(CheckError::EntityOverridden {
                        from: from.text.to_string(),
                        given: given.to_owned(),
                        span: from.span,
                        help: format!(
                            "the query's `from` wins over the entity given with the request (`--entity {given}`, or `entity` in sift.toml or `Options`); drop one of them"
                        ),
                    });
                }
                (from.text.as_ref(), from.span, true)
            }
            (None, Some(name)) => (name, here, false),
            (None, None) => {
                let example = catalog
                    .searchable_entities()
                    .next()
                    .map_or("<entity>", |e| e.name.as_str());
                self.push(CheckError::NoEntity {
                    span: here,
                    help: format!(
                        "start the query with `from <entity>` (e.g. `from {example} where …`), or pass the entity with the request (`--entity {example}`, or `entity` in sift.toml or `Options`); {} entities: {}",
                        catalog.connector,
                        name_list(catalog.entity_names(), LISTED_ENTITIES)
                    ),
                });
                return None;
            }
        };
        if let Some(entity) = catalog.entity(name) {
            if entity.is_searchable() {
                return Some(entity);
            }
            let (span, reason) = if in_source {
                (span, format!("`{name}` declares no searchable fields"))
            } else {
                (
                    first_use(query).unwrap_or(here),
                    format!(
                        "entity `{name}` (given with the request) declares no searchable fields"
                    ),
                )
            };
            self.push(CheckError::EntityNotSearchable {
                name: name.to_owned(),
                connector: catalog.connector.clone(),
                span,
                reason,
                help: searchable_help(catalog, name),
            });
            return None;
        }
        let suggestions = suggest(name, catalog.entity_names());
        let best = unique_best(name, &suggestions);
        let origin = if in_source {
            ""
        } else {
            "the entity given with the request is unknown; "
        };
        let help = match did_you_mean(&suggestions) {
            Some(text) if suggestions.iter().any(|s| s.eq_ignore_ascii_case(name)) => {
                format!("{origin}entity names are case-sensitive: {text}")
            }
            Some(text) => format!("{origin}{text}"),
            None => format!(
                "{origin}{} entities: {}",
                catalog.connector,
                name_list(catalog.entity_names(), LISTED_ENTITIES)
            ),
        };
        self.push(CheckError::UnknownEntity {
            name: name.to_owned(),
            connector: catalog.connector.clone(),
            span,
            help,
            fix: best.filter(|_| in_source).map(|best| Fix {
                span,
                replacement: sift_syntax::format_entity_name(best),
            }),
        });
        None
    }

    pub(crate) fn check_limit(&mut self, limit: Option<&Limit>) -> Option<u64> {
        let limit = limit?;
        if limit.value == 0 {
            self.push(CheckError::LimitZero {
                span: limit.span,
                help: String::from(
                    "use `limit 1` or more, or drop the clause to get the API's default page size",
                ),
            });
        }
        Some(limit.value)
    }

    /// Semantic search, filter, sort and fields of a query whose entity is known. The filter
    /// of a semantic query names the columns of the searched field's units, not the entity's
    /// fields; when that field is not known (an error said why), the filter is not checked.
    pub(crate) fn check_clauses<'a>(
        &mut self,
        query: &'a Query<'a>,
        entity: &Entity,
        catalog: &Catalog,
        limit: Option<u64>,
    ) -> Option<TypedQuery<'a>> {
        let scope = Scope::entity(&entity.name, &entity.fields);
        let (semantic, filter_scope) = match &query.semantic {
            None => (Some(None), Some(scope.clone())),
            Some(clause) => {
                let (typed, configured) = self.check_semantic(query, clause, entity, catalog);
                let filter_scope =
                    configured.map(|(field, search)| Scope::semantic_filter(entity, field, search));
                (typed.map(Some), filter_scope)
            }
        };
        let filter = match (query.filter, filter_scope) {
            (Some(expr), Some(filter_scope)) => {
                Some(self.check_expr(&query.tree, expr, &filter_scope, 0, false))
            }
            (Some(_), None) => Some(None),
            (None, _) => None,
        };
        let sort = self.check_sort(query, entity, &scope);
        let fields = self.check_fields(query, &scope);
        Some(TypedQuery {
            span: query.span,
            entity: entity.name.clone(),
            semantic: semantic?,
            filter: match filter {
                Some(typed) => Some(typed?),
                None => None,
            },
            sort: sort?,
            limit,
            fields: fields?,
        })
    }

    fn check_sort<'a>(
        &mut self,
        query: &'a Query<'a>,
        entity: &Entity,
        scope: &Scope<'_>,
    ) -> Option<Vec<TypedSortKey<'a>>> {
        let Some(clause) = &query.sort else {
            return Some(Vec::new());
        };
        let mut typed = Vec::with_capacity(clause.keys.len());
        let mut seen: HashMap<Cow<'a, str>, Span> = HashMap::new();
        let mut ok = true;
        let mut previous_end: Option<usize> = None;
        for sort_key in &clause.keys {
            let key = path_key(&sort_key.path);
            match self.resolve(&sort_key.path, scope, PathUse::Compared) {
                Some(resolved) => match (resolved.ty, resolved.array_entries.first()) {
                    (_, Some(&entry)) => {
                        ok = false;
                        let path = &sort_key.path;
                        let array = prefix_text(path, entry);
                        let inner = path.segments.get(entry..).unwrap_or_default();
                        let inner = format_path(&Path {
                            span: path.span,
                            segments: inner.iter().cloned().collect(),
                        });
                        self.push(CheckError::SortThroughArray {
                            path: key.to_string(),
                            help: format!(
                                "each element of `{array}` has its own `{inner}`, so a record has no single value to sort by; sort by a scalar field of `{}`: {}",
                                entity.name,
                                name_list(sortable(entity), LISTED_FIELDS)
                            ),
                            array,
                            span: path.span,
                        });
                    }
                    (Some(ty), None) if !ty.kinds.iter().any(|k| k.is_scalar()) => {
                        ok = false;
                        self.push(CheckError::UnsortableField {
                            field: key.to_string(),
                            ty: ty.to_string(),
                            span: sort_key.path.span,
                            help: format!(
                                "objects and arrays have no order; sort by a property of a scalar type (of `{}`: {})",
                                entity.name,
                                name_list(sortable(entity), LISTED_FIELDS)
                            ),
                        });
                    }
                    _ => {}
                },
                None => ok = false,
            }
            if let Some(&first) = seen.get(&key) {
                self.push(CheckError::DuplicateSortKey {
                    path: key.to_string(),
                    span: sort_key.span,
                    first,
                    help: String::from(
                        "the first sort key on a field decides; remove the repetition",
                    ),
                    fix: removal(previous_end, sort_key.span),
                });
            } else {
                seen.insert(key.clone(), sort_key.span);
            }
            previous_end = Some(sort_key.span.hi());
            typed.push(TypedSortKey {
                span: sort_key.span,
                key,
                direction: sort_key.direction,
            });
        }
        ok.then_some(typed)
    }

    fn check_fields<'a>(
        &mut self,
        query: &'a Query<'a>,
        scope: &Scope<'_>,
    ) -> Option<Vec<Vec<Cow<'a, str>>>> {
        let Some(clause) = &query.fields else {
            return Some(Vec::new());
        };
        let mut fields = Vec::with_capacity(clause.paths.len());
        let mut seen: HashMap<Vec<Cow<'a, str>>, Span> = HashMap::new();
        let mut ok = true;
        let mut previous_end: Option<usize> = None;
        for path in &clause.paths {
            match self.resolve(path, scope, PathUse::Returned) {
                Some(resolved) => {
                    if let Some(&first) = seen.get(&resolved.keys) {
                        self.duplicate_field(path, first, previous_end);
                    } else {
                        seen.insert(resolved.keys.clone(), path.span);
                        fields.push(resolved.keys);
                    }
                }
                None => ok = false,
            }
            previous_end = Some(path.span.hi());
        }
        ok.then_some(fields)
    }

    fn duplicate_field(&mut self, path: &Path<'_>, first: Span, previous_end: Option<usize>) {
        self.push(CheckError::DuplicateField {
            path: path_key(path).into_owned(),
            span: path.span,
            first,
            help: format!(
                "each field is returned once; remove the second `{}`",
                format_path(path)
            ),
            fix: removal(previous_end, path.span),
        });
    }
}

/// Removes a list item together with the separator before it: from the end of the previous
/// item to the end of this one.
fn removal(previous_end: Option<usize>, item: Span) -> Option<Fix> {
    previous_end.map(|start| Fix {
        span: Span::new(start, item.hi().max(start)),
        replacement: String::new(),
    })
}

/// The top-level scalar fields of `entity`: what a query can sort by.
fn sortable(entity: &Entity) -> impl Iterator<Item = &str> {
    entity
        .fields
        .iter()
        .filter(|f| f.ty.is_scalar())
        .map(|f| f.name.as_str())
}

/// Where a query without `from` first relies on its entity: the first condition, else the
/// first sort key, else the first returned field.
fn first_use(query: &Query<'_>) -> Option<Span> {
    let tree = &query.tree;
    let mut expr = query.filter;
    // A loop, not recursion: the leftmost condition may be nested arbitrarily deep.
    while let Some(e) = expr {
        expr = match tree[e] {
            ExprKind::And(children) | ExprKind::Or(children) => {
                tree.children(children).first().copied()
            }
            ExprKind::Not(inner) | ExprKind::Paren(inner) => Some(inner),
            ExprKind::Condition(_) => return Some(tree.span(e)),
        };
    }
    let sort = query.sort.as_ref().and_then(|s| s.keys.first());
    let fields = query.fields.as_ref().and_then(|f| f.paths.first());
    sort.map(|k| k.span).or(fields.map(|p| p.span))
}

/// Help for an entity without searchable fields: the entities that have some, nearest to
/// `name` first.
fn searchable_help(catalog: &Catalog, name: &str) -> String {
    let wanted = name.to_lowercase();
    let mut ranked: Vec<(usize, &str)> = catalog
        .searchable_entities()
        .map(|e| (closeness(&wanted, &e.name), e.name.as_str()))
        .collect();
    if ranked.is_empty() {
        return format!(
            "no entity of the {} connector declares searchable fields, so none of them can be searched",
            catalog.connector
        );
    }
    // Stable: equally close entities keep catalog order.
    ranked.sort_by_key(|&(closeness, _)| std::cmp::Reverse(closeness));
    format!(
        "the connector lists `{name}` but declares nothing to filter, sort or select on; searchable {} entities, nearest first: {}",
        catalog.connector,
        name_list(ranked.into_iter().map(|(_, n)| n), LISTED_ENTITIES)
    )
}

/// Similarity of two names in thousandths (higher is closer; Jaro–Winkler favours a shared
/// prefix, as in `files` and `file_shares`); names too long to be compared
/// cheaply count as unrelated.
fn closeness(wanted_lower: &str, candidate: &str) -> usize {
    const MAX_COMPARED_LEN: usize = 64;
    if wanted_lower.len() > MAX_COMPARED_LEN || candidate.len() > MAX_COMPARED_LEN {
        return 0;
    }
    let similarity = strsim::jaro_winkler(wanted_lower, &candidate.to_lowercase());
    (similarity * 1000.0) as usize
}
