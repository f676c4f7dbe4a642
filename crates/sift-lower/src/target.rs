//! API versions (targets) and output forms (emit).

use std::fmt;
use std::str::FromStr;

use sift_syntax::ast::{ANY_KEY, KeyTargets, OPERATOR_KEYS, OpKind};

/// A version of the search API. Targets differ in the action name and in the operators the
/// server accepts; lowering picks the operators each target understands. No version string is
/// sent: a target is sift's name for a form the server has accepted, told apart by the action
/// name and the operators.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// The published reference: action `search`, has `like` and `contains` (value in array).
    /// Since 2026-09-01 servers read the action `search` as the provider's own API search.
    V2026_03,
    /// Action `context_store_search`; operators as 2026-03.
    V2026_04,
    /// The API as it is today (the default): action `context_store_search`; no `like`,
    /// literal `startswith`/`endswith`/`contains`, `array_contains` for arrays, semantic search.
    #[default]
    V2026_10,
}

impl Target {
    /// Every target, oldest first.
    pub const ALL: [Target; 3] = [Target::V2026_03, Target::V2026_04, Target::V2026_10];

    /// The version as users write it: `2026-03`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Target::V2026_03 => "2026-03",
            Target::V2026_04 => "2026-04",
            Target::V2026_10 => "2026-10",
        }
    }

    /// The `action` of a search request on this target.
    pub const fn action(self) -> &'static str {
        match self {
            Target::V2026_03 => "search",
            Target::V2026_04 | Target::V2026_10 => "context_store_search",
        }
    }

    /// Why the default target is the default, for `--help`, `--version`, `explain` and docs.
    pub const DEFAULT_REASON: &'static str = "the API as it is today: current servers read the action `search` (2026-03) as the provider's own search, not the context store";

    /// Whether current servers read this target's `action` as another action than the
    /// context-store search (since 2026-09-01, `search` is the provider's own API search).
    pub const fn action_is_superseded(self) -> bool {
        matches!(self, Target::V2026_03)
    }

    /// What a user should know about this target: why it is the default, or that current
    /// servers read its action as another one; `None` for the others.
    pub fn note(self) -> Option<String> {
        if self == Target::default() {
            return Some(format!("the default: {}", Target::DEFAULT_REASON));
        }
        self.action_is_superseded().then(|| {
            format!(
                "sends the action `{}`, which servers since 2026-09-01 read as the provider's own API search, not the context-store search",
                self.action()
            )
        })
    }

    /// Whether the server accepts the `like` operator.
    pub const fn has_like(self) -> bool {
        matches!(self, Target::V2026_03 | Target::V2026_04)
    }

    /// Whether the server has literal `contains`/`startswith`/`endswith` on scalar fields and
    /// `array_contains` for arrays.
    pub const fn has_literal_text_ops(self) -> bool {
        matches!(self, Target::V2026_10)
    }

    /// Whether the server has semantic search (`params.semantic`, alpha).
    pub const fn has_semantic(self) -> bool {
        matches!(self, Target::V2026_10)
    }

    /// `2026-10` — the targets with semantic search, for help texts.
    pub(crate) fn with_semantic() -> String {
        targets_where(Target::has_semantic)
    }

    /// `2026-03, 2026-04` — the targets that have `like`, for help texts.
    pub(crate) fn with_like() -> String {
        targets_where(Target::has_like)
    }

    /// `2026-10` — the targets with literal text operators, for help texts.
    pub(crate) fn with_literal_text_ops() -> String {
        targets_where(Target::has_literal_text_ops)
    }
}

impl Target {
    /// Whether this target is among the targets `on` of an [`OPERATOR_KEYS`] row.
    pub const fn accepts(self, on: KeyTargets) -> bool {
        match on {
            KeyTargets::Every => true,
            KeyTargets::WithLike => self.has_like(),
            KeyTargets::WithLiteralText => self.has_literal_text_ops(),
            KeyTargets::WithoutLiteralText => !self.has_literal_text_ops(),
        }
    }
}

impl Target {
    /// The sift operator the JSON operator key `key` writes on this target (`any` included).
    pub fn operator_of_key(self, key: &str) -> Option<OpKind> {
        if key == ANY_KEY {
            return Some(OpKind::Any);
        }
        OPERATOR_KEYS
            .iter()
            .find(|row| row.key == key && self.accepts(row.on))
            .map(|row| row.op)
    }

    /// The JSON key that writes `op` by itself on this target; `None` for sugar and for an
    /// operator written another way here.
    pub fn key_of(self, op: OpKind) -> Option<&'static str> {
        if op == OpKind::Any {
            return Some(ANY_KEY);
        }
        OPERATOR_KEYS
            .iter()
            .find(|row| row.op == op && self.accepts(row.on))
            .map(|row| row.key)
    }

    /// The field operator keys this target accepts, `any` last, each once.
    pub fn operator_keys(self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        for row in OPERATOR_KEYS.iter().filter(|row| self.accepts(row.on)) {
            if !keys.contains(&row.key) {
                keys.push(row.key);
            }
        }
        keys.push(ANY_KEY);
        keys
    }

    /// The targets that accept the JSON operator key `key`, oldest first.
    pub fn with_key(key: &str) -> Vec<Target> {
        Target::ALL
            .into_iter()
            .filter(|t| t.operator_of_key(key).is_some())
            .collect()
    }
}

impl Target {
    /// Every target, the default marked: `2026-03, 2026-04, 2026-10 (default)`.
    pub fn listing() -> String {
        let names: Vec<String> = Target::ALL
            .iter()
            .map(|t| {
                if *t == Target::default() {
                    format!("{t} (default)")
                } else {
                    t.to_string()
                }
            })
            .collect();
        names.join(", ")
    }
}

/// The targets for which `has` holds, comma-separated, for help texts.
fn targets_where(has: fn(Target) -> bool) -> String {
    let names: Vec<&str> = Target::ALL
        .iter()
        .filter(|t| has(**t))
        .map(|t| t.as_str())
        .collect();
    names.join(", ")
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A target name that is not one of [`Target::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("unknown target `{given}`; valid targets: {}", Target::listing())]
#[diagnostic(
    code(sift::lower::unknown_target),
    help("a target is an API version written `YYYY-MM`, e.g. `2026-10`")
)]
pub struct ParseTargetError {
    pub given: String,
}

impl FromStr for Target {
    type Err = ParseTargetError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Target::ALL
            .into_iter()
            .find(|t| t.as_str() == wanted)
            .ok_or_else(|| ParseTargetError {
                given: s.to_owned(),
            })
    }
}

/// What the compiled JSON text contains.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Emit {
    /// The condition alone: `{"eq":{"a":1}}`.
    Filter,
    /// `{"filter": …, "sort": […]}`, each omitted when absent.
    Query,
    /// `{"query": …, "limit": 50, "fields": [["id"]]}`, each omitted when absent.
    #[default]
    Params,
    /// `{"entity": "users", "action": "search", "params": …}`.
    Request,
}

impl Emit {
    pub const ALL: [Emit; 4] = [Emit::Filter, Emit::Query, Emit::Params, Emit::Request];

    pub const fn as_str(self) -> &'static str {
        match self {
            Emit::Filter => "filter",
            Emit::Query => "query",
            Emit::Params => "params",
            Emit::Request => "request",
        }
    }
}

impl fmt::Display for Emit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An emit name that is not one of [`Emit::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
#[error("unknown emit form `{given}`; valid forms: filter, query, params (default), request")]
#[diagnostic(code(sift::lower::unknown_emit))]
pub struct ParseEmitError {
    pub given: String,
}

impl FromStr for Emit {
    type Err = ParseEmitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Emit::ALL
            .into_iter()
            .find(|e| e.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| ParseEmitError {
                given: s.to_owned(),
            })
    }
}
