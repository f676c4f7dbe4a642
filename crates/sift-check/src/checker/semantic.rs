//! The `similar to` clause (semantic search): a non-empty string prompt, a field the connector
//! configures for semantic search (`in FIELD`, or the entity's only one), a least similarity
//! in [-1, 1], a `context_size` within the field's bound, at most 100 results and no sort. The
//! field's configuration decides the namespace the `where` filter is checked against
//! ([`Checker::outside_namespace`] explains names outside it).

use std::borrow::Cow;

use sift_schema::{COMPUTED_OUTPUTS, Catalog, Entity, Field, SemanticSearch};
use sift_syntax::ast::{DedupMode, Path, Query, Semantic, ValueKind};
use sift_syntax::{Fix, Span};

use crate::checker::Checker;
use crate::checker::paths::{field_as_written as written, path_key};
use crate::decimal::Decimal;
use crate::error::{CheckError, SemanticProblem};
use crate::suggest::{did_you_mean, name_list, suggest, unique_best};
use crate::typed::{TypedSemantic, TypedValue};

/// The most results semantic search returns (the API's bound).
pub const SEMANTIC_MAX_LIMIT: u64 = 100;
/// How many results semantic search returns when the query sets no `limit` (the API's
/// default).
pub const SEMANTIC_DEFAULT_LIMIT: u64 = 10;
/// The least similarity the API applies when the query sets no `min`.
pub const SEMANTIC_DEFAULT_MIN: &str = "0.25";
/// How the API treats several matching units of a record when the query sets no `dedup`.
pub const SEMANTIC_DEFAULT_DEDUP: DedupMode = DedupMode::Max;

/// Entities listed in help before "and N more".
const LISTED_ENTITIES: usize = 12;

/// A field configured for semantic search, with its configuration.
pub(crate) type Configured<'c> = (&'c Field, &'c SemanticSearch);

/// Which rule of the clause a finding is about.
#[derive(Clone, Copy)]
enum Rule {
    Prompt,
    Field,
    Min,
    ContextSize,
}

impl Checker {
    fn semantic_error(
        &mut self,
        rule: Rule,
        problem: String,
        span: Span,
        label: &str,
        help: String,
        fix: Option<Fix>,
    ) {
        let problem = SemanticProblem {
            problem,
            span,
            label: label.to_owned(),
            help,
            fix,
        };
        self.push(match rule {
            Rule::Prompt => CheckError::SemanticPrompt(problem),
            Rule::Field => CheckError::SemanticField(problem),
            Rule::Min => CheckError::SemanticMin(problem),
            Rule::ContextSize => CheckError::SemanticContextSize(problem),
        });
    }

    /// Checks the `similar to` clause of `query` on `entity`: the typed clause (`None` on an
    /// error), and the configured field it searches, whose namespace the filter names (`None`
    /// when the field is not known).
    pub(crate) fn check_semantic<'a, 'c>(
        &mut self,
        query: &'a Query<'a>,
        semantic: &'a Semantic<'a>,
        entity: &'c Entity,
        catalog: &Catalog,
    ) -> (Option<TypedSemantic<'a>>, Option<Configured<'c>>) {
        let before = self.report.errors;
        let prompt = self.semantic_prompt(semantic);
        let configured = self.semantic_field(semantic, entity, catalog);
        let min = semantic.min.as_ref().and_then(|min| {
            let text = match &min.kind {
                ValueKind::Integer(n) => n.to_string(),
                ValueKind::Decimal(d) => d.to_string(),
                _ => String::new(),
            };
            let in_range = Decimal::parse(&text)
                .is_some_and(|d| d >= Decimal::from_i64(-1) && d <= Decimal::from_i64(1));
            if !in_range {
                self.semantic_error(
                    Rule::Min,
                    String::from("needs `min` between -1 and 1"),
                    min.span,
                    "not a similarity",
                    format!(
                        "`min` is the least cosine similarity a record must reach, a number from -1 to 1 (the API's default is {SEMANTIC_DEFAULT_MIN}), as in `min 0.3`"
                    ),
                    None,
                );
            }
            // In range, so a JSON number: the text is valid.
            in_range.then(|| TypedValue::of(min)).flatten()
        });
        let context_size = self.context_size(semantic, configured);
        if let Some(limit) = &query.limit
            && limit.value > SEMANTIC_MAX_LIMIT
        {
            self.push(CheckError::SemanticLimit(SemanticProblem {
                problem: format!("returns at most {SEMANTIC_MAX_LIMIT} records, found `limit {}`", limit.value),
                span: limit.span,
                label: String::from("too many for semantic search"),
                help: format!(
                    "semantic search ranks records by similarity and returns the best {SEMANTIC_MAX_LIMIT} at most ({SEMANTIC_DEFAULT_LIMIT} by default): write `limit {SEMANTIC_MAX_LIMIT}` or less"
                ),
                fix: Some(Fix {
                    span: limit.span,
                    replacement: format!("limit {SEMANTIC_MAX_LIMIT}"),
                }),
            }));
        }
        if let Some(sort) = &query.sort {
            self.push(CheckError::SemanticSort(SemanticProblem {
                problem: String::from("cannot be sorted"),
                span: sort.span,
                label: String::from("no sort with `similar to`"),
                help: String::from(
                    "semantic search returns records by similarity, best first; remove the `sort` clause, or drop `similar to` to sort",
                ),
                fix: None,
            }));
        }
        let typed = (self.report.errors == before).then(|| TypedSemantic {
            span: semantic.span,
            prompt: prompt.unwrap_or(Cow::Borrowed("")),
            field: semantic.field.as_ref().map(path_key),
            searched: configured.map_or_else(String::new, |(field, _)| field.name.clone()),
            min,
            context_size,
            dedup: semantic.dedup.map(|d| d.mode),
        });
        (typed, configured)
    }

    fn semantic_prompt<'a>(&mut self, semantic: &'a Semantic<'a>) -> Option<Cow<'a, str>> {
        match &semantic.prompt.kind {
            ValueKind::String(text) if !text.trim().is_empty() => Some(text.clone()),
            ValueKind::String(_) => {
                self.semantic_error(
                    Rule::Prompt,
                    String::from("needs a prompt, found an empty string"),
                    semantic.prompt.span,
                    "empty prompt",
                    String::from(
                        "write what the records should be about, as in `similar to \"unhappy about billing\"`",
                    ),
                    None,
                );
                None
            }
            _ => {
                self.semantic_error(
                    Rule::Prompt,
                    String::from("needs a string prompt"),
                    semantic.prompt.span,
                    "not a string",
                    String::from(
                        "the prompt is text in quotes, as in `similar to \"unhappy about billing\"`",
                    ),
                    None,
                );
                None
            }
        }
    }

    /// The field searched: the one `in` names, which must be configured for semantic search,
    /// or the entity's only configured field.
    fn semantic_field<'c>(
        &mut self,
        semantic: &Semantic<'_>,
        entity: &'c Entity,
        catalog: &Catalog,
    ) -> Option<Configured<'c>> {
        let configured: Vec<Configured<'c>> = entity.semantic_fields().collect();
        let names = || configured.iter().map(|(f, _)| f.name.as_str());
        if configured.is_empty() {
            let span = semantic.field.as_ref().map_or(semantic.span, |f| f.span);
            self.push(CheckError::SemanticNotConfigured(SemanticProblem {
                problem: format!(
                    "needs a field configured for it, and `{}` has none",
                    entity.name
                ),
                span,
                label: format!("no field of `{}` is searched by meaning", entity.name),
                help: not_configured_help(catalog),
                fix: None,
            }));
            return None;
        }
        let Some(path) = &semantic.field else {
            if let [one] = configured.as_slice() {
                return Some(*one);
            }
            let choices: Vec<String> = names().map(|n| format!("`in {}`", written(n))).collect();
            self.semantic_error(
                Rule::Field,
                format!(
                    "needs `in FIELD`: `{}` configures it on {} fields",
                    entity.name,
                    configured.len()
                ),
                Span::new(semantic.span.lo(), semantic.prompt.span.hi()),
                "which field is compared with the prompt?",
                format!("name the field after the prompt: {}", choices.join(" or ")),
                None,
            );
            return None;
        };
        let key = path_key(path);
        if let Some(found) = configured.iter().find(|(f, _)| f.name == key) {
            return Some(*found);
        }
        let suggestions = suggest(&key, names());
        let fix = unique_best(&key, &suggestions).map(|best| Fix {
            span: path.span,
            replacement: written(best),
        });
        let (problem, label) = if entity.field(&key).is_some() {
            (
                format!("cannot search `{key}`: it is not configured for semantic search"),
                "not configured for semantic search",
            )
        } else {
            (
                format!("cannot search `{key}`: `{}` has no such field", entity.name),
                "not a field of the entity",
            )
        };
        let written_names: Vec<String> = names().map(written).collect();
        let listed = name_list(written_names.iter().map(String::as_str), LISTED_ENTITIES);
        let help = match did_you_mean(&suggestions) {
            Some(text) => format!(
                "{text} (configured for semantic search on `{}`: {listed})",
                entity.name
            ),
            None => format!(
                "the connector configures semantic search on these fields of `{}`: {listed}",
                entity.name
            ),
        };
        self.semantic_error(Rule::Field, problem, path.span, label, help, fix);
        None
    }

    /// `context_size`: a whole number from 1 to the field's `context_max_chars`, when it has
    /// one.
    fn context_size(
        &mut self,
        semantic: &Semantic<'_>,
        configured: Option<Configured<'_>>,
    ) -> Option<u64> {
        let value = semantic.context_size.as_ref()?;
        let bound = configured.and_then(|(_, search)| search.context_max_chars);
        let size = match &value.kind {
            ValueKind::Integer(n) => u64::try_from(*n).ok().filter(|n| *n >= 1),
            _ => None,
        };
        let within = |n: u64| bound.is_none_or(|bound| n <= bound);
        match (size, bound) {
            (Some(n), _) if within(n) => return Some(n),
            (Some(n), Some(bound)) => self.semantic_error(
                Rule::ContextSize,
                format!("returns at most {bound} characters of context per hit, found `context_size {n}`"),
                value.span,
                "over the field's bound",
                format!(
                    "the connector bounds the context of `{}` to {bound} characters (`windowing.context_max_chars`); without `context_size` each hit returns the whole window",
                    configured.map_or("", |(f, _)| f.name.as_str())
                ),
                Some(Fix {
                    span: value.span,
                    replacement: bound.to_string(),
                }),
            ),
            _ => self.semantic_error(
                Rule::ContextSize,
                String::from("needs `context_size` to be a whole number of characters, 1 or more"),
                value.span,
                "not a number of characters",
                String::from(
                    "`context_size` is how many characters of context each hit returns, as in `context_size 500`",
                ),
                None,
            ),
        }
        None
    }

    /// A name of a semantic filter that is not a column of the units: a field of the record,
    /// or a computed output (`score`, `context`). `false` when it is neither, for the caller
    /// to report as an unknown name.
    pub(crate) fn outside_namespace(
        &mut self,
        path: &Path<'_>,
        entity: &Entity,
        field: &str,
        search: &SemanticSearch,
    ) -> bool {
        let Some(first) = path.segments.first() else {
            return false;
        };
        let name = first.text.as_ref();
        let key = path_key(path);
        let unit = &search.unit_label;
        let [_, context_column, ..] = search.unit_columns();
        let namespace = search
            .filter_names()
            .map(written)
            .collect::<Vec<_>>()
            .join(", ");
        let (reason, label, help, fix) = if let Some(output) =
            COMPUTED_OUTPUTS.iter().find(|o| **o == name)
        {
            if *output == "score" {
                (
                    String::from("the score is computed for each hit, after the filter"),
                    String::from("not a filter input"),
                    String::from(
                        "a least score is `min` in the `similar to` clause, as in `similar to \"…\" min 0.5` (only a lower bound can be set)",
                    ),
                    None,
                )
            } else {
                (
                    String::from("`context` is the text each hit returns, not a stored column"),
                    String::from("not a filter input"),
                    format!(
                        "filter the stored context with `{context_column}` (it can be wider than the `context` a hit returns)"
                    ),
                    (path.segments.len() == 1).then(|| Fix {
                        span: first.span,
                        replacement: written(&context_column),
                    }),
                )
            }
        } else if entity.field(name).is_some() || entity.field(&key).is_some() {
            // A metadata column copied from exactly this record field (named by its key or by
            // its storage name) is what was meant.
            let storage = entity.field(&key).and_then(|f| f.storage_name.as_deref());
            let copied = search.metadata.iter().find(|m| {
                let from = m.path.strip_prefix('/');
                from.is_some() && (from == Some(key.as_ref()) || from == storage)
            });
            let (help, fix) = match copied {
                Some(column) => (
                    format!(
                        "the column `{}` holds the record's `{key}` for each {unit}: write `{}`",
                        column.name,
                        written(&column.name)
                    ),
                    Some(Fix {
                        span: path.span,
                        replacement: written(&column.name),
                    }),
                ),
                None => (
                    format!(
                        "the filter of a semantic search on `{field}` names the columns of each {unit}: {namespace}; drop `similar to` to filter on `{key}`"
                    ),
                    None,
                ),
            };
            (
                format!(
                    "it is a field of the record, and the filter of a semantic search on `{field}` names the columns of each {unit}"
                ),
                format!("a field of `{}`, not a column of a {unit}", entity.name),
                help,
                fix,
            )
        } else {
            return false;
        };
        self.push(CheckError::SemanticFilterField {
            name: key.into_owned(),
            reason,
            span: path.span,
            label,
            help,
            fix,
        });
        true
    }
}

/// Help for `similar to` on an entity without a configured field: the entities of the catalog
/// that have one, or that none does.
fn not_configured_help(catalog: &Catalog) -> String {
    let entities: Vec<String> = catalog
        .semantic_entities()
        .map(|e| {
            let fields: Vec<&str> = e.semantic_fields().map(|(f, _)| f.name.as_str()).collect();
            format!("{} (in {})", e.name, fields.join(", "))
        })
        .collect();
    if entities.is_empty() {
        return format!(
            "a connector configures semantic search per field (`x-airbyte-semantic-search` in its spec), and the {} catalog configures it on no field: filter with `fuzzy` or `keyword`, or use a connector that has it (`--connector`, `--spec`)",
            catalog.connector
        );
    }
    format!(
        "a connector configures semantic search per field (`x-airbyte-semantic-search` in its spec); the {} entities that have it: {}",
        catalog.connector,
        name_list(entities.iter().map(String::as_str), LISTED_ENTITIES)
    )
}
