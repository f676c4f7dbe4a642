//! What a document is checked against: the `sift.toml` found from the document's folder
//! (connector, spec, target, entity, lint levels, limits), or, without one, the built-in
//! catalog. Files are read through [`Files`], so the server's core stays testable in memory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use sift::{Catalog, Options};
use sift_config::{Config, FILE_NAME};

/// How the server reads the files it needs: the project files and connector specs.
pub trait Files: Send {
    /// The text of the file at `path`, or `None` when it cannot be read (or is no file, or is
    /// larger than `max_bytes`).
    fn read(&self, path: &Path, max_bytes: usize) -> Option<String>;
    /// Whether something stands at `path`.
    fn exists(&self, path: &Path) -> bool;
    /// The `*/connector.yaml` files one level below `dir` (for a `spec` that is a folder).
    fn connector_specs_below(&self, dir: &Path) -> Vec<PathBuf>;
}

/// The files of the machine.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskFiles;

impl Files for DiskFiles {
    fn read(&self, path: &Path, max_bytes: usize) -> Option<String> {
        let meta = std::fs::metadata(path).ok()?;
        let fits = usize::try_from(meta.len()).is_ok_and(|len| len <= max_bytes);
        if !meta.is_file() || !fits {
            return None;
        }
        std::fs::read_to_string(path).ok()
    }

    fn exists(&self, path: &Path) -> bool {
        path.symlink_metadata().is_ok()
    }

    fn connector_specs_below(&self, dir: &Path) -> Vec<PathBuf> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path().join("connector.yaml"))
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        found
    }
}

/// Files held in memory, for tests and for embedding; clones share the files, so a test can
/// change one while the server runs.
#[derive(Clone, Debug, Default)]
pub struct MemoryFiles(pub Arc<Mutex<HashMap<PathBuf, String>>>);

impl MemoryFiles {
    pub fn new(files: HashMap<PathBuf, String>) -> MemoryFiles {
        MemoryFiles(Arc::new(Mutex::new(files)))
    }

    /// Writes (or, with `None`, removes) one file.
    pub fn set(&self, path: impl Into<PathBuf>, text: Option<&str>) {
        let mut files = self.files();
        match text {
            Some(text) => files.insert(path.into(), text.to_owned()),
            None => files.remove(&path.into()),
        };
    }

    fn files(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, String>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Files for MemoryFiles {
    fn read(&self, path: &Path, max_bytes: usize) -> Option<String> {
        self.files()
            .get(path)
            .filter(|t| t.len() <= max_bytes)
            .cloned()
    }

    fn exists(&self, path: &Path) -> bool {
        self.files().contains_key(path)
    }

    fn connector_specs_below(&self, dir: &Path) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = self
            .files()
            .keys()
            .filter(|p| {
                p.file_name().is_some_and(|f| f == "connector.yaml")
                    && p.parent().and_then(Path::parent) == Some(dir)
            })
            .cloned()
            .collect();
        found.sort();
        found
    }
}

/// The largest connector spec read (the CLI's bound too: the largest published spec is a few
/// MiB).
const SPEC_MAX_BYTES: usize = 64 << 20;

/// The settings documents under one `sift.toml` (or under none) are checked with.
#[derive(Debug)]
pub struct Project {
    /// The `sift.toml` read; `None` for the built-in defaults.
    pub file: Option<PathBuf>,
    pub catalog: Arc<Catalog>,
    pub options: Options,
    /// What went wrong reading the file or its spec (the defaults stand in for what could not
    /// be read), for the client's log and a message to the user.
    pub problems: Vec<String>,
}

impl Project {
    /// No project file: the built-in catalog and sift's defaults.
    pub fn builtin() -> Project {
        Project {
            file: None,
            catalog: Arc::new(sift::schema::harvest().clone()),
            options: Options::default(),
            problems: Vec::new(),
        }
    }

    /// The project whose `sift.toml` is at `path`.
    pub fn load(path: &Path, files: &dyn Files) -> Project {
        let mut project = Project::builtin();
        project.file = Some(path.to_owned());
        let shown = path.display();
        let Some(text) = files.read(path, sift_config::MAX_BYTES) else {
            project.problems.push(format!("{shown}: cannot be read"));
            return project;
        };
        let config = match sift_config::parse(&text) {
            Ok(config) => config,
            Err(message) => {
                project.problems.push(format!("{shown}:{message}"));
                return project;
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        project.apply(&config, base, files);
        project
    }

    fn apply(&mut self, config: &Config, base: &Path, files: &dyn Files) {
        let mut options = Options::default();
        if let Some(target) = config.target {
            options = options.with_target(target);
        }
        if let Some(entity) = &config.entity {
            options = options.with_entity(entity.clone());
        }
        match config.levels() {
            Ok(levels) => options = options.with_lints(levels),
            Err(message) => self.problems.push(message),
        }
        let limits = &config.limits;
        let mut bounds = options.limits;
        let set = |slot: &mut usize, value: Option<usize>| *slot = value.unwrap_or(*slot);
        set(&mut bounds.max_input_bytes, limits.max_input_bytes);
        set(&mut bounds.max_file_bytes, limits.max_file_bytes);
        set(&mut bounds.max_depth, limits.max_depth);
        set(&mut bounds.max_list_len, limits.max_list_len);
        set(&mut bounds.max_nodes, limits.max_nodes);
        self.options = options.with_limits(bounds);
        match catalog(config, base, files) {
            Ok(Some(catalog)) => self.catalog = Arc::new(catalog),
            Ok(None) => {}
            Err(problem) => self.problems.push(problem),
        }
    }
}

/// The catalog `config` names: its `spec` (a connector.yaml, or a folder of
/// `*/connector.yaml` picked by `connector`), or `None` for the built-in one. A connector
/// named without a spec would be looked up in the installed SDK, which the server does not do.
fn catalog(config: &Config, base: &Path, files: &dyn Files) -> Result<Option<Catalog>, String> {
    let builtin = config.connector.as_deref() == Some(BUILTIN);
    let Some(spec) = &config.spec else {
        return match &config.connector {
            Some(name) if !builtin => Err(format!(
                "connector `{name}` without `spec`: the language server reads connector specs \
                 only from `spec`; using the built-in catalog"
            )),
            _ => Ok(None),
        };
    };
    let spec = base.join(spec);
    let path = match files.connector_specs_below(&spec) {
        found if found.is_empty() => spec,
        found => {
            let named = |p: &&PathBuf| {
                let dir = p.parent().and_then(Path::file_name);
                config
                    .connector
                    .as_deref()
                    .is_some_and(|c| dir.is_some_and(|d| d == c))
            };
            match found
                .iter()
                .find(named)
                .or(found.first().filter(|_| found.len() == 1))
            {
                Some(path) => path.clone(),
                None => {
                    return Err(format!(
                        "{}: holds several connectors; name one with `connector`",
                        spec.display()
                    ));
                }
            }
        }
    };
    let text = files
        .read(&path, SPEC_MAX_BYTES)
        .ok_or_else(|| format!("{}: cannot be read", path.display()))?;
    let shown = path.display().to_string();
    sift::schema::load_connector_spec(&text, &shown)
        .map(|loaded| Some(loaded.catalog))
        .map_err(|errors| {
            format!(
                "{shown}: not a usable connector spec ({} problem(s))",
                errors.len()
            )
        })
}

/// The name the CLI gives the built-in catalog (`--connector builtin`).
const BUILTIN: &str = "builtin";

/// The nearest `sift.toml` in `dir` or its ancestors.
pub fn find(dir: &Path, files: &dyn Files) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| files.exists(candidate))
}
