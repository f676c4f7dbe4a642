//! The project file, `sift.toml`: defaults for target, connector or spec, entity, lint levels
//! and limits, so that a CI job carries no long command line. Found by walking up from the
//! current directory, or named with `--config FILE`. Command-line flags override it; it is
//! read once, and only by the commands that use it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;

/// The file name looked for in the current directory and its ancestors.
pub const FILE_NAME: &str = "sift.toml";

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

fn target<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<sift::Target>, D::Error> {
    let text = String::deserialize(d)?;
    text.parse().map(Some).map_err(serde::de::Error::custom)
}

static EXPLICIT: OnceLock<Option<PathBuf>> = OnceLock::new();
static LOADED: OnceLock<Result<Config, String>> = OnceLock::new();

/// Records `--config FILE` (if given) for [`get`]; called once, before any command runs.
pub fn set_path(path: Option<PathBuf>) {
    let _already_set = EXPLICIT.set(path);
}

/// Refuses `--config` for a command that reads no project defaults, so the flag is never
/// silently ignored.
pub fn refuse_explicit(command: &str) -> Result<(), String> {
    match EXPLICIT.get().cloned().flatten() {
        Some(path) => Err(format!(
            "--config {} has no effect on `sift {command}`, which reads no project defaults",
            path.display()
        )),
        None => Ok(()),
    }
}

/// The project configuration: `--config FILE`, else the nearest `sift.toml`, else none
/// (all defaults). Read on first use; a broken file is a usage error (exit 2).
pub fn get() -> Result<&'static Config, String> {
    LOADED
        .get_or_init(|| {
            let explicit = EXPLICIT.get().cloned().flatten();
            let path = match explicit {
                Some(path) => path,
                None => match std::env::current_dir().ok().as_deref().and_then(find) {
                    Some(path) => path,
                    None => return Ok(Config::default()),
                },
            };
            load(&path)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The nearest `sift.toml` in `dir` or its ancestors.
fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

fn load(path: &Path) -> Result<Config, String> {
    let shown = path.display();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let mut config = parse(&text).map_err(|e| format!("{shown}: {e}"))?;
    let base = path.parent().unwrap_or(Path::new("."));
    config.spec = config.spec.map(|spec| base.join(spec));
    config.path = Some(path.to_owned());
    check_codes(&config).map_err(|e| format!("{shown}: {e}"))?;
    Ok(config)
}

/// Parses the text of a `sift.toml`; an unknown key is named with the nearest known one.
pub fn parse(text: &str) -> Result<Config, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_owned())?;
    unknown_key(
        &table,
        "",
        serde_aux::serde_introspection::serde_introspect::<Config>(),
    )?;
    if let Some(toml::Value::Table(limits)) = table.get("limits") {
        let keys = serde_aux::serde_introspection::serde_introspect::<LimitsConfig>();
        unknown_key(limits, "limits.", keys)?;
    }
    toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())
}

fn unknown_key(table: &toml::Table, prefix: &str, known: &[&str]) -> Result<(), String> {
    let Some(key) = table.keys().find(|k| !known.contains(&k.as_str())) else {
        return Ok(());
    };
    let hint = match sift::naming::suggest(key, known.iter().copied()).first() {
        Some(near) => format!("did you mean `{prefix}{near}`?"),
        None => format!("the keys are {}", known.join(", ")),
    };
    Err(format!("unknown key `{prefix}{key}`; {hint}"))
}

/// Every code of the lint lists is a known one (checked when the file is read, so that a typo
/// is reported even by a run that has no warnings).
fn check_codes(config: &Config) -> Result<(), String> {
    config.levels().map(drop)
}

impl Config {
    /// The lint levels the file sets, in its lists' order: allow, then warn, then deny.
    pub fn levels(&self) -> Result<sift::LintLevels, String> {
        levels(&self.allow, &self.warn, &self.deny)
    }
}

/// Lint levels from three lists of codes; a code in two lists is refused, since which one
/// is meant cannot be told.
pub fn levels(
    allow: &[String],
    warn: &[String],
    deny: &[String],
) -> Result<sift::LintLevels, String> {
    let mut levels = sift::LintLevels::new();
    let lists = [
        (sift::Level::Allow, allow),
        (sift::Level::Warn, warn),
        (sift::Level::Deny, deny),
    ];
    for (i, (level, codes)) in lists.iter().enumerate() {
        for code in codes.iter() {
            if let Some((other, _)) = lists[i + 1..].iter().find(|(_, c)| c.contains(code)) {
                return Err(format!(
                    "`{code}` is given both to {} and to {}: name each code at one level",
                    flag(*level),
                    flag(*other)
                ));
            }
            levels.set(code, *level).map_err(|e| e.to_string())?;
        }
    }
    Ok(levels)
}

fn flag(level: sift::Level) -> String {
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
            Some("unknown key `tagret`; did you mean `target`?")
        );
        let err = parse("[limits]\nmax_dept = 3\n").err();
        assert_eq!(
            err.as_deref(),
            Some("unknown key `limits.max_dept`; did you mean `limits.max_depth`?")
        );
    }

    #[test]
    fn a_code_at_two_levels_is_refused() {
        let allow = ["unchecked_path".to_owned()];
        let err = levels(&allow, &[], &allow).err();
        assert!(err.is_some_and(|e| e.contains("both to --allow and to --deny")));
    }
}
