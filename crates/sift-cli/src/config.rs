//! The project file, `sift.toml`: defaults for target, connector or spec, entity, lint levels
//! and limits, so that a CI job carries no long command line. Found by walking up from the
//! current directory, or named with `--config FILE`. Command-line flags override it; it is
//! read once, and only by the commands that use it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod in_force;

pub use sift_config::{Config, FILE_NAME, levels};

use sift_config::{MAX_BYTES, parse};

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
            crate::input::shown(&path)
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
                    None => {
                        in_force::config(None);
                        return Ok(Config::default());
                    }
                },
            };
            in_force::config(Some(path.display().to_string()));
            load(&path)
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// The nearest `sift.toml` in `dir` or its ancestors (whatever stands there under that name:
/// reading it refuses what is not a regular file).
fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.symlink_metadata().is_ok())
}

fn load(path: &Path) -> Result<Config, String> {
    let cap = crate::input::Cap::fixed(MAX_BYTES, "a sift.toml");
    let text = crate::input::read_capped(path, cap)?.text;
    let shown = crate::input::shown(path);
    let mut config = parse(&text).map_err(|e| format!("{shown}:{e}"))?;
    let base = path.parent().unwrap_or(Path::new("."));
    config.spec = config.spec.map(|spec| base.join(spec));
    config.path = Some(path.to_owned());
    Ok(config)
}
