//! Shell completion. `sift completions SHELL` prints the script a shell sources; for bash,
//! zsh, fish, elvish and PowerShell that script calls sift back (clap's dynamic engine, the
//! `COMPLETE=SHELL sift -- WORDS` protocol, answered by [`answer_from_env`] before anything
//! else runs), so values come from the catalog in force: `sift schema <Tab>` and `--entity
//! <Tab>` complete its entities, `--connector <Tab>` the connectors sift finds, `--allow`,
//! `--warn` and `--deny` the diagnostic codes that can be warnings. Nushell gets a static
//! script (subcommands, flags and fixed values) from `clap_complete_nushell`.
//!
//! The catalog is read from the words being completed (`--spec`, `--connector`, `--config`),
//! the environment and `sift.toml`, as a command would read it; a catalog that cannot be had
//! completes nothing and prints nothing (a completion never writes to the terminal).

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

use crate::args::{CatalogArgs, Cli, CompletionShell, CompletionsArgs};
use crate::catalogs;
use crate::exit;
use crate::output::{self, Failure, Outcome};

/// The variable that asks sift for completions (clap's protocol).
const VAR: &str = "COMPLETE";

/// The words of the command line being completed, for completers that depend on other
/// arguments (the catalog's `--spec`, `--connector`, `--config`).
static WORDS: OnceLock<Vec<OsString>> = OnceLock::new();

pub fn run(args: &CompletionsArgs) -> Outcome {
    crate::config::refuse_explicit("completions")?;
    let mut command = Cli::command();
    let mut script = Vec::new();
    let shell = match args.shell {
        CompletionShell::Nushell => {
            clap_complete::generate(
                clap_complete_nushell::Nushell,
                &mut command,
                "sift",
                &mut script,
            );
            return output::out_bytes(&script).map(|()| exit::OK);
        }
        CompletionShell::Bash => "bash",
        CompletionShell::Zsh => "zsh",
        CompletionShell::Fish => "fish",
        CompletionShell::Elvish => "elvish",
        CompletionShell::Powershell => "powershell",
    };
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(shell) else {
        return Err(Failure::Usage(format!("no completion for {shell}")));
    };
    completer
        .write_registration(VAR, "sift", "sift", &callback(), &mut script)
        .map_err(|e| Failure::Usage(format!("cannot write the completion script: {e}")))?;
    output::out_bytes(&script)?;
    Ok(exit::OK)
}

/// The program the script calls back: this binary as it was invoked (a relative path made
/// absolute, so completion works from any directory).
fn callback() -> String {
    let invoked = PathBuf::from(std::env::args_os().next().unwrap_or_else(|| "sift".into()));
    let path = match std::env::current_dir() {
        Ok(dir) if invoked.components().count() > 1 => dir.join(invoked),
        _ => invoked,
    };
    path.to_string_lossy().into_owned()
}

/// Answers a completion request (`COMPLETE=SHELL sift -- WORDS`) and returns the exit code,
/// or `None` when this run is not one. `COMPLETE=SHELL sift` without words prints the
/// registration script, as `sift completions SHELL` does.
pub fn answer_from_env() -> Option<u8> {
    let shell = std::env::var_os(VAR).filter(|value| !value.is_empty() && value != "0")?;
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let name = PathBuf::from(&shell)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        let _ = output::errln(&format!(
            "error: {VAR}={}: no completion for this shell (bash, elvish, fish, powershell, zsh)",
            crate::render::escape(&name)
        ));
        return Some(exit::USAGE_OR_IO);
    };
    let after = args
        .iter()
        .position(|a| a == "--")
        .map_or(args.len(), |i| i + 1);
    let words = args.split_off(after);
    let mut buffer = Vec::new();
    let written = if words.is_empty() {
        completer.write_registration(VAR, "sift", "sift", &callback(), &mut buffer)
    } else {
        let _ = WORDS.set(words.clone());
        let mut command = Cli::command();
        let current = std::env::current_dir().ok();
        completer.write_complete(&mut command, words, current.as_deref(), &mut buffer)
    };
    match written.map_err(|e| Failure::Usage(e.to_string())) {
        Ok(()) => match output::out_bytes(&buffer) {
            Ok(()) | Err(Failure::Closed) => Some(exit::OK),
            Err(Failure::Usage(_)) => Some(exit::USAGE_OR_IO),
        },
        Err(_) => Some(exit::USAGE_OR_IO),
    }
}

/// The value of `--flag VALUE`, `--flag=VALUE` (or `-c VALUE`, `-cVALUE` for a short flag)
/// among the words being completed, the last one given.
fn flag_value(long: &str, short: Option<char>) -> Option<String> {
    let words = WORDS.get()?;
    let mut found = None;
    let mut words = words.iter().map(|w| w.to_string_lossy());
    while let Some(word) = words.next() {
        let short_flag = short.map(|c| format!("-{c}"));
        if word == format!("--{long}") || short_flag.as_deref() == Some(&*word) {
            found = words.next().map(|w| w.into_owned());
        } else if let Some(value) = word.strip_prefix(&format!("--{long}=")) {
            found = Some(value.to_owned());
        } else if let Some(flag) = &short_flag
            && let Some(value) = word.strip_prefix(flag.as_str())
            && !value.is_empty()
            && !word.starts_with("--")
        {
            found = Some(value.to_owned());
        }
    }
    found
}

/// The catalog arguments of the command line being completed.
fn catalog_args() -> CatalogArgs {
    if let Some(config) = flag_value("config", None) {
        crate::config::set_path(Some(config.into()));
    }
    CatalogArgs {
        spec: flag_value("spec", None).map(PathBuf::from),
        connector: flag_value("connector", Some('c')),
    }
}

/// The catalog in force for the words being completed, loaded without printing: the built-in
/// one, or the spec its connector (or its only spec) names.
fn catalog() -> Option<std::borrow::Cow<'static, sift::Catalog>> {
    let args = catalog_args();
    let connector = args
        .connector
        .clone()
        .or_else(|| crate::config::get().ok()?.connector.clone());
    if connector.as_deref() == Some(catalogs::BUILTIN_NAME) {
        return Some(std::borrow::Cow::Borrowed(sift::harvest()));
    }
    let found = catalogs::discover(&args).ok()?;
    let from_sdk = found.sdk_version.is_some();
    let file = match (&connector, found.files.as_slice()) {
        (Some(name), files) => files.iter().find(|f| &f.name == name)?,
        (None, [one]) if !from_sdk => one,
        (None, _) if from_sdk || found.searched.is_none() => {
            return Some(std::borrow::Cow::Borrowed(sift::harvest()));
        }
        (None, _) => return None,
    };
    let quiet = crate::render::Style {
        color: false,
        max_diagnostics: 0,
    };
    catalogs::load(&file.path, &quiet, false)
        .ok()
        .map(std::borrow::Cow::Owned)
}

fn starts_with(text: &str, current: &OsStr) -> bool {
    text.starts_with(&*current.to_string_lossy())
}

/// `--entity <Tab>`, `sift schema <Tab>`: the entities of the catalog in force.
pub fn entities(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(catalog) = catalog() else {
        return Vec::new();
    };
    sift::completion::entity_completions(&catalog)
        .into_iter()
        .filter(|entity| starts_with(entity.name, current))
        .map(|entity| {
            let help = entity.description.map(|d| one_line(d).into());
            CompletionCandidate::new(entity.name).help(help)
        })
        .collect()
}

/// `--connector <Tab>`: `builtin` and every connector sift finds (spec paths, else the
/// installed SDK).
pub fn connectors(current: &OsStr) -> Vec<CompletionCandidate> {
    let args = CatalogArgs {
        connector: None,
        ..catalog_args()
    };
    let builtin = CompletionCandidate::new(catalogs::BUILTIN_NAME)
        .help(Some("the built-in Harvest catalog".into()));
    let found = catalogs::discover(&args)
        .map(|found| found.files)
        .unwrap_or_default();
    std::iter::once(builtin)
        .chain(
            found
                .into_iter()
                .map(|file| CompletionCandidate::new(file.name)),
        )
        .filter(|candidate| starts_with(&candidate.get_value().to_string_lossy(), current))
        .collect()
}

/// `--allow/--warn/--deny <Tab>`: `warnings` and every code that can be a warning, by name
/// (`unchecked_path`), or in full once `sift::` is typed.
pub fn codes(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let full = typed.starts_with("sift:");
    let mut values = vec!["warnings"];
    for code in sift::codes().iter().filter(|c| c.can_warn) {
        let value = if full {
            code.code.as_str()
        } else {
            code.name()
        };
        // Two phases may share a name; it is offered once.
        if !values.contains(&value) {
            values.push(value);
        }
    }
    values
        .into_iter()
        .filter(|value| starts_with(value, current))
        .map(|value| {
            let help = (value == "warnings").then(|| "every warning".into());
            CompletionCandidate::new(value).help(help)
        })
        .collect()
}

/// A description on one line, shortened for a completion menu.
fn one_line(text: &str) -> String {
    const SHOWN: usize = 80;
    crate::render::escape::escape_line(text)
        .chars()
        .take(SHOWN)
        .collect()
}
