//! The project file's text, `sift.toml`, read into [`Config`]: defaults for target, connector or
//! spec, entity, lint levels and limits. Pure: the edges (the command line, the language
//! server) find and read the file, and resolve `spec` against its directory.

use std::path::PathBuf;

use serde::Deserialize;

/// The file name looked for in a directory and its ancestors.
pub const FILE_NAME: &str = "sift.toml";

/// The largest `sift.toml` read: a project file is a few lines; anything near this is not one.
pub const MAX_BYTES: usize = 1 << 20;

/// What a `sift.toml` holds; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The API version, as `--target` takes it.
    #[serde(default, deserialize_with = "target")]
    pub target: Option<sift::Target>,
    /// A connector name, as `--connector` takes it.
    pub connector: Option<String>,
    /// A connector.yaml or a directory of them; relative to the file's directory.
    pub spec: Option<PathBuf>,
    /// The entity of filter expressions without `from`.
    pub entity: Option<String>,
    /// Codes (or `warnings`) to allow, warn or deny, as the flags of the same names.
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(default)]
    pub warn: Vec<String>,
    #[serde(default)]
    pub deny: Vec<String>,
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Where the file was read from (not a key).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

/// The `[limits]` table: the `--max-*` flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    pub max_input_bytes: Option<usize>,
    pub max_file_bytes: Option<usize>,
    pub max_depth: Option<usize>,
    pub max_list_len: Option<usize>,
    pub max_nodes: Option<usize>,
}

/// Reads a `target` key as `--target` takes it (for `deserialize_with`).
pub fn target<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<sift::Target>, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map(Some).map_err(serde::de::Error::custom)
}

/// Parses the text of a `sift.toml`. Every error starts with `LINE:COLUMN: ` and names the
/// key it is about (`key `limits.max_depth`: …`); an unknown key is named with the nearest
/// known one, and every code of the lint lists must be a known one (checked here, so that a
/// typo is reported even by a run that has no warnings).
pub fn parse(text: &str) -> Result<Config, String> {
    let document = toml::de::DeTable::parse(text).map_err(|e| {
        let at = e.span().map_or(0, |span| span.start);
        located(text, at, key_on_line(text, at).as_deref(), e.message())
    })?;
    let table = document.get_ref();
    unknown_key(
        text,
        table,
        "",
        serde_aux::serde_introspection::serde_introspect::<Config>(),
    )?;
    if let Some(limits) = table.get("limits")
        && let toml::de::DeValue::Table(limits) = limits.get_ref()
    {
        let keys = serde_aux::serde_introspection::serde_introspect::<LimitsConfig>();
        unknown_key(text, limits, "limits.", keys)?;
    }
    let config: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |span| span.start);
        let key = key_at(table, "", at).or_else(|| key_on_line(text, at));
        located(text, at, key.as_deref(), e.message())
    })?;
    config.levels().map_err(|message| {
        // The message names the code; the error points at the first list holding it.
        let place = ["allow", "warn", "deny"].into_iter().find_map(|list| {
            let toml::de::DeValue::Array(items) = table.get(list)?.get_ref() else {
                return None;
            };
            items.iter().find_map(|item| match item.get_ref() {
                toml::de::DeValue::String(code) if message.contains(&format!("`{code}`")) => {
                    Some((list, item.span().start))
                }
                _ => None,
            })
        });
        let (key, at) = place.unwrap_or(("allow", 0));
        located(text, at, Some(key), &message)
    })?;
    Ok(config)
}

/// `LINE:COLUMN: key `KEY`: MESSAGE` for the byte offset `at` of `text` (1-based, columns in
/// characters).
pub fn located(text: &str, at: usize, key: Option<&str>, message: &str) -> String {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let message = message.trim_end();
    match key {
        Some(key) => format!("{line}:{column}: key `{key}`: {message}"),
        None => format!("{line}:{column}: {message}"),
    }
}

/// The dotted key whose entry holds the byte offset `at`.
pub fn key_at(table: &toml::de::DeTable<'_>, prefix: &str, at: usize) -> Option<String> {
    table.iter().find_map(|(key, value)| {
        let within = |span: std::ops::Range<usize>| span.contains(&at) || span.start == at;
        if !within(key.span()) && !within(value.span()) {
            return None;
        }
        let name = format!("{prefix}{}", key.get_ref());
        match value.get_ref() {
            toml::de::DeValue::Table(inner) => {
                key_at(inner, &format!("{name}."), at).or(Some(name))
            }
            _ => Some(name),
        }
    })
}

/// The key written on the line of `at` (`name = …`), under the table header above it, for
/// errors found before the text is a table (a repeated key, a bad value).
pub fn key_on_line(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?.trim();
    let table = text
        .get(..start)?
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(['[', ']', ' ']).to_owned());
    let key = match line.split_once('=') {
        Some((key, _)) => key.trim().trim_matches(['"', '\'']).to_owned(),
        None if line.starts_with('[') => return Some(line.trim_matches(['[', ']', ' ']).into()),
        None => return table,
    };
    if key.is_empty() {
        return table;
    }
    Some(match table {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key,
    })
}

/// Refuses the first key of `table` (whose dotted name starts with `prefix`) that is not one of
/// `known`, naming the nearest known key; the error is placed as [`located`] places it.
pub fn unknown_key(
    text: &str,
    table: &toml::de::DeTable<'_>,
    prefix: &str,
    known: &[&str],
) -> Result<(), String> {
    let Some(key) = table
        .keys()
        .find(|k| !known.contains(&k.get_ref().as_ref()))
    else {
        return Ok(());
    };
    let name = key.get_ref();
    let hint = match sift::completion::suggest(name, known.iter().copied()).first() {
        Some(near) => format!("did you mean `{prefix}{near}`?"),
        None => format!("the keys are {}", known.join(", ")),
    };
    Err(located(
        text,
        key.span().start,
        None,
        &format!("unknown key `{prefix}{name}`; {hint}"),
    ))
}

/// The keys a `#[serde(deny_unknown_fields)]` struct reads, for [`unknown_key`].
pub fn known_keys<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    serde_aux::serde_introspection::serde_introspect::<T>()
}

impl Config {
    /// The lint levels the file sets, in its lists' order: allow, then warn, then deny.
    pub fn levels(&self) -> Result<sift::lints::LintLevels, String> {
        levels(&self.allow, &self.warn, &self.deny)
    }
}

/// Lint levels from three lists of codes; a code in two lists is refused, since which one
/// is meant cannot be told. Errors name the lists as the command line does (`--allow`).
pub fn levels(
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<sift::lints::LintLevels, String> {
    levels_of(allow, warn, deny).map_err(|error| match error {
        LevelError::Twice {
            code,
            first,
            second,
        } => format!(
            "`{code}` is given both to {} and to {}: name each code at one level",
            flag(first),
            flag(second)
        ),
        LevelError::Code { message, .. } => message,
    })
}

/// Why three lists of codes are not lint levels; each edge words it for its own spelling of
/// the lists (`--allow`, `allow=`).
#[derive(Debug)]
pub enum LevelError {
    /// `code` is in two lists.
    Twice {
        code: String,
        first: sift::lints::Level,
        second: sift::lints::Level,
    },
    /// A code of the list `level` is not one sift knows (the message names it).
    Code {
        level: sift::lints::Level,
        message: String,
    },
}

/// [`levels`], with the error as data.
pub fn levels_of(
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<sift::lints::LintLevels, LevelError> {
    let mut levels = sift::lints::LintLevels::new();
    let lists = [
        (sift::lints::Level::Allow, allow),
        (sift::lints::Level::Warn, warn),
        (sift::lints::Level::Deny, deny),
    ];
    for (i, (level, codes)) in lists.iter().enumerate() {
        for code in codes.iter() {
            if let Some((other, _)) = lists[i + 1..].iter().find(|(_, c)| c.contains(code)) {
                return Err(LevelError::Twice {
                    code: code.clone(),
                    first: *level,
                    second: *other,
                });
            }
            levels.set(code, *level).map_err(|e| LevelError::Code {
                level: *level,
                message: e.to_string(),
            })?;
        }
    }
    Ok(levels)
}

fn flag(level: sift::lints::Level) -> String {
    format!("--{level}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = parse(
            "target = \"2026-10\"\nconnector = \"stripe\"\nentity = \"users\"\n\
             allow = [\"unchecked_path\"]\ndeny = [\"warnings\"]\n[limits]\nmax_depth = 8\n",
        );
        let config = config.expect("a valid file");
        assert_eq!(config.target, Some(sift::Target::V2026_10));
        assert_eq!(config.connector.as_deref(), Some("stripe"));
        assert_eq!(config.limits.max_depth, Some(8));
        assert!(config.levels().is_ok());
    }

    #[test]
    fn unknown_keys_name_the_nearest() {
        let err = parse("tagret = \"2026-10\"\n").err();
        assert_eq!(
            err.as_deref(),
            Some("1:1: unknown key `tagret`; did you mean `target`?")
        );
        let err = parse("[limits]\nmax_dept = 3\n").err();
        assert_eq!(
            err.as_deref(),
            Some("2:1: unknown key `limits.max_dept`; did you mean `limits.max_depth`?")
        );
    }

    /// Every error names its line and key, whichever layer of the reader finds it.
    #[test]
    fn every_error_names_line_and_key() {
        let cases = [
            (
                "target = \"2026-10\"\ntarget = \"2026-03\"\n",
                "2:",
                "key `target`",
            ),
            (
                "entity = \"users\"\n[limits]\nmax_depth = 99999999999999999999\n",
                "3:",
                "key `limits.max_depth`",
            ),
            ("[limits]\nmax_nodes = -1\n", "2:", "key `limits.max_nodes`"),
            ("target = \"2027\"\n", "1:", "key `target`"),
            ("entity = 5\n", "1:", "key `entity`"),
            (
                "deny = [\"warnings\"]\nallow = [\n  \"unchecked_pth\",\n]\n",
                "3:",
                "key `allow`",
            ),
            ("target = \n", "1:", "key `target`"),
        ];
        for (text, line, key) in cases {
            let err = parse(text).err().unwrap_or_default();
            assert!(err.starts_with(line), "{text:?}: {err}");
            assert!(err.contains(key), "{text:?}: {err}");
        }
    }

    #[test]
    fn a_code_at_two_levels_is_refused() {
        let allow = ["unchecked_path".to_owned()];
        let err = levels(&allow, &[], &allow).err();
        assert!(err.is_some_and(|e| e.contains("both to --allow and to --deny")));
    }
}
