//! What is in force for a run: the project file read, the catalog and where it came from, the
//! target and why, and the backend. Recorded where each is decided; `-v` says each on standard
//! error as it is decided, and the `--format json` summaries of `check` and `validate` carry
//! them, so that a stray `sift.toml` in a parent directory is never a silent difference.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::catalogs::Origin;

static VERBOSE: AtomicBool = AtomicBool::new(false);

static STATE: Mutex<InForce> = Mutex::new(InForce {
    config: None,
    catalog: None,
    target: None,
    backend: None,
});

/// The settings in force, as far as the run has decided them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InForce {
    /// The project file read (`null`: none was found or given).
    pub config: Option<String>,
    pub catalog: Option<CatalogInForce>,
    pub target: Option<TargetInForce>,
    /// Where searches run (`sift search`, `sift repl`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CatalogInForce {
    pub name: String,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetInForce {
    pub target: String,
    /// `--target`, `sift.toml` or `default`.
    pub from: &'static str,
}

/// Turns `-v` on: each setting is said on standard error when it is decided.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, Ordering::Relaxed);
}

/// Whether `-v` was given.
pub fn is_verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// A copy of what is in force so far.
pub fn current() -> InForce {
    STATE.lock().map(|s| s.clone()).unwrap_or_default()
}

/// The project file read (`None`: none).
pub fn config(path: Option<String>) {
    let said = match &path {
        Some(path) => crate::render::escape::escape_line(path).into_owned(),
        None => "none (no sift.toml in the current directory or its parents)".to_owned(),
    };
    record(|state| &mut state.config, path, "config", &said);
}

/// The catalog queries are checked against.
pub fn catalog(name: &str, origin: &Origin) {
    let said = crate::render::escape::escape_line(&format!("{name} ({origin})")).into_owned();
    let value = CatalogInForce {
        name: name.to_owned(),
        origin: origin.clone(),
    };
    record(|state| &mut state.catalog, Some(value), "catalog", &said);
}

/// The target queries are compiled for, and which setting chose it.
pub fn target(target: sift::Target, from: &'static str) {
    let said = match from {
        "default" => format!("{target} (the default)"),
        _ => format!("{target} ({from})"),
    };
    let value = TargetInForce {
        target: target.to_string(),
        from,
    };
    record(|state| &mut state.target, Some(value), "target", &said);
}

/// Where searches run.
pub fn backend(description: &str) {
    let said = crate::render::escape::escape_line(description).into_owned();
    record(
        |state| &mut state.backend,
        Some(description.to_owned()),
        "backend",
        &said,
    );
}

/// Stores `value` in its slot; with `-v`, says it when it is new.
fn record<T: PartialEq>(
    slot: impl FnOnce(&mut InForce) -> &mut Option<T>,
    value: Option<T>,
    what: &str,
    said: &str,
) {
    let Ok(mut state) = STATE.lock() else {
        return;
    };
    let slot = slot(&mut state);
    let new = slot.is_none() || *slot != value;
    *slot = value;
    drop(state);
    if new && VERBOSE.load(Ordering::Relaxed) {
        // A closed standard error shows again, and ends the run, at the next write.
        let _ = crate::output::errln(&format!("sift: {what}: {said}"));
    }
}
