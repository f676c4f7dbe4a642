//! Where schemas come from, in order: `--spec PATH`, the `SIFT_SPEC_PATH` environment variable,
//! `--connector NAME` in an installed `airbyte_agent_sdk` Python package, and last the built-in
//! Harvest catalog. Reading files and asking Python where a package lives is IO, so it lives
//! here at the edge; turning a connector.yaml into a catalog is the pure `sift::schema::load_connector_spec`.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::args::CatalogArgs;
use crate::output;
use crate::render::Style;

/// The environment variable naming spec files or directories, separated like `PATH`.
pub const SPEC_PATH_VAR: &str = "SIFT_SPEC_PATH";

/// The name `--connector` and `sift connectors` give the built-in Harvest catalog. Every other
/// name is a spec's (the installed SDK's, or one under `--spec`/`SIFT_SPEC_PATH`), so the SDK's
/// own `harvest` spec and the built-in catalog never share a name.
pub const BUILTIN_NAME: &str = "builtin";

/// The largest connector.yaml read, so that a huge or endless file cannot exhaust memory.
const SPEC_MAX_BYTES: usize = 16 << 20;

/// A connector.yaml found on disk, named by its directory (`specs/NAME/connector.yaml`).
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub name: String,
    pub path: PathBuf,
}

/// Where a catalog came from: shown by `sift schema` and `sift connectors`, since the built-in
/// Harvest catalog and the SDK's `harvest` spec share a name but not their fields.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Origin {
    /// Compiled into sift, from the Harvest connector reference.
    BuiltIn,
    /// A spec of the installed airbyte_agent_sdk package.
    Sdk {
        path: String,
        version: Option<String>,
    },
    /// A spec given with --spec, SIFT_SPEC_PATH or the project file.
    Spec { path: String },
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::BuiltIn => {
                f.write_str("built-in, `--connector builtin`, from the Harvest connector reference")
            }
            Origin::Sdk {
                path,
                version: Some(v),
            } => write!(f, "airbyte-agent-sdk {v}, {path}"),
            Origin::Sdk {
                path,
                version: None,
            } => write!(f, "airbyte-agent-sdk, {path}"),
            Origin::Spec { path } => f.write_str(path),
        }
    }
}

/// The catalog to compile against, as the arguments and environment choose it. Failures are
/// printed (with their YAML location) and returned as a one-line message for exit code 2.
pub fn resolve(args: &CatalogArgs, style: &Style) -> Result<Cow<'static, sift::Catalog>, String> {
    resolve_with_origin(args, style)
        .map(|(catalog, _)| catalog)
        .map_err(|unresolved| unresolved.shown_to_human(style))
}

/// Why no catalog could be had: one line, and for a spec that does not load, its problems,
/// which the caller shows in the format it was asked for.
pub struct Unresolved {
    pub message: String,
    bad_spec: Option<BadSpec>,
}

struct BadSpec {
    shown: String,
    text: String,
    errors: sift::Diagnostics,
}

impl From<String> for Unresolved {
    fn from(message: String) -> Self {
        Unresolved {
            message,
            bad_spec: None,
        }
    }
}

impl Unresolved {
    /// Draws the spec's problems (with their YAML location) on standard error and leaves the
    /// one-line message for the caller.
    pub fn shown_to_human(self, style: &Style) -> String {
        if let Some(bad) = self.bad_spec {
            // A closed standard error shows again, and ends the run, at the next write.
            let _ = output::err(&style.render(bad.errors, &bad.shown, &bad.text));
        }
        self.message
    }

    /// `{"error": ..., "spec_errors": [...]}` for `--format json`.
    pub fn to_json(&self) -> serde_json::Value {
        let problems: Vec<serde_json::Value> = self
            .bad_spec
            .iter()
            .flat_map(|bad| bad.errors.iter())
            .map(|e| {
                let offset = miette::Diagnostic::labels(e)
                    .and_then(|mut labels| labels.next())
                    .map(|label| label.offset());
                serde_json::json!({
                    "code": miette::Diagnostic::code(e).map(|c| c.to_string()),
                    "message": e.to_string(),
                    "help": miette::Diagnostic::help(e).map(|h| h.to_string()),
                    "offset": offset,
                })
            })
            .collect();
        match &self.bad_spec {
            Some(bad) => serde_json::json!({
                "error": self.message,
                "spec": bad.shown,
                "spec_errors": problems,
            }),
            None => serde_json::json!({ "error": self.message }),
        }
    }
}

/// [`resolve`], and where the catalog came from; a spec's problems are left to the caller.
pub fn resolve_with_origin(
    args: &CatalogArgs,
    style: &Style,
) -> Result<(Cow<'static, sift::Catalog>, Origin), Unresolved> {
    let resolved = find_catalog(args, style)?;
    crate::config::in_force::catalog(&resolved.0.connector, &resolved.1);
    Ok(resolved)
}

fn find_catalog(
    args: &CatalogArgs,
    style: &Style,
) -> Result<(Cow<'static, sift::Catalog>, Origin), Unresolved> {
    let args = &with_project_defaults(args)?;
    if args.connector.as_deref() == Some(BUILTIN_NAME) {
        if let Some(spec) = &args.spec {
            return Err(format!(
                "--connector {BUILTIN_NAME} names the built-in Harvest catalog, and --spec {} \
                 (or the project file's `spec`) names another: give one of them",
                spec.display()
            )
            .into());
        }
        return Ok((Cow::Borrowed(sift::schema::harvest()), Origin::BuiltIn));
    }
    if let Some(roots) = spec_roots(args) {
        let files = spec_files(&roots)?;
        let shown = show_roots(&roots);
        let file = match &args.connector {
            Some(name) => {
                pick(&files, name).ok_or_else(|| no_such_connector(name, &files, &shown))?
            }
            None => match files.as_slice() {
                [one] => one,
                [] => return Err(format!("no connector.yaml found in {shown}").into()),
                many => {
                    return Err(format!(
                        "{} connectors found in {shown}; choose one with --connector ({})",
                        many.len(),
                        names(many)
                    )
                    .into());
                }
            },
        };
        let origin = Origin::Spec {
            path: file.path.display().to_string(),
        };
        return load(&file.path, style, true).map(|c| (Cow::Owned(c), origin));
    }
    if let Some(name) = &args.connector {
        if let Some(sdk) = installed_sdk()? {
            let files = spec_files(std::slice::from_ref(&sdk.specs))?;
            if let Some(file) = pick(&files, name) {
                let origin = Origin::Sdk {
                    path: file.path.display().to_string(),
                    version: sdk.version,
                };
                return load(&file.path, style, true).map(|c| (Cow::Owned(c), origin));
            }
            return Err(no_such_connector(name, &files, &sdk.specs.display().to_string()).into());
        }
        return Err(format!(
            "no connector `{name}`: no installed airbyte_agent_sdk package was found by python3 \
             on PATH; install it (`pip install airbyte-agent-sdk`), or give a spec with --spec \
             PATH or {SPEC_PATH_VAR}; the built-in Harvest catalog is `--connector \
             {BUILTIN_NAME}`, used when no connector is named"
        )
        .into());
    }
    Ok((Cow::Borrowed(sift::schema::harvest()), Origin::BuiltIn))
}

/// Every connector the arguments and environment make visible, as [`discover`] finds them,
/// with the SDK version when they are the installed SDK's.
pub struct Discovered {
    pub files: Vec<SpecFile>,
    /// Where they were looked for; `None` when no spec path is set and no SDK is installed.
    pub searched: Option<String>,
    /// The installed SDK's version, when the files are its specs.
    pub sdk_version: Option<Option<String>>,
}

/// Every connector the arguments and environment make visible: the spec paths if given,
/// otherwise the installed SDK's specs; the built-in catalog is listed separately.
pub fn discover(args: &CatalogArgs) -> Result<Discovered, String> {
    let args = &with_project_defaults(args)?;
    if let Some(roots) = spec_roots(args) {
        return Ok(Discovered {
            files: spec_files(&roots)?,
            searched: Some(show_roots(&roots)),
            sdk_version: None,
        });
    }
    Ok(match installed_sdk()? {
        Some(sdk) => Discovered {
            files: spec_files(std::slice::from_ref(&sdk.specs))?,
            searched: Some(sdk.specs.display().to_string()),
            sdk_version: Some(sdk.version),
        },
        None => Discovered {
            files: Vec::new(),
            searched: None,
            sdk_version: None,
        },
    })
}

/// Reads and loads one connector.yaml; errors are returned, warnings printed when
/// `show_warnings` (a listing of many connectors summarises instead).
pub fn load(path: &Path, style: &Style, show_warnings: bool) -> Result<sift::Catalog, Unresolved> {
    let shown = path.display().to_string();
    let cap = crate::input::Cap::fixed(SPEC_MAX_BYTES, "a connector spec");
    let text = crate::input::read_capped(path, cap)?.text;
    match sift::schema::load_connector_spec(&text, &shown) {
        Ok(loaded) => {
            if show_warnings && !loaded.warnings.is_empty() {
                // A closed standard error shows again, and ends the run, at the next write.
                let _ = output::err(&style.render(loaded.warnings, &shown, &text));
            }
            Ok(loaded.catalog)
        }
        Err(errors) => Err(Unresolved {
            message: format!(
                "{}: not a usable connector spec ({} problem(s))",
                crate::input::shown(path),
                errors.len()
            ),
            bad_spec: Some(BadSpec {
                shown,
                text,
                errors,
            }),
        }),
    }
}

/// The flags, with what they leave unset taken from the project file. A spec in the file
/// comes after `SIFT_SPEC_PATH` (the environment of one run beats the project's default).
fn with_project_defaults(args: &CatalogArgs) -> Result<CatalogArgs, String> {
    let file = crate::config::get()?;
    let env_spec = std::env::var_os(SPEC_PATH_VAR).is_some_and(|v| !v.is_empty());
    Ok(CatalogArgs {
        spec: args
            .spec
            .clone()
            .or_else(|| file.spec.clone().filter(|_| !env_spec)),
        connector: args.connector.clone().or_else(|| file.connector.clone()),
    })
}

fn spec_roots(args: &CatalogArgs) -> Option<Vec<PathBuf>> {
    if let Some(path) = &args.spec {
        return Some(vec![path.clone()]);
    }
    let value = std::env::var_os(SPEC_PATH_VAR).filter(|v| !v.is_empty())?;
    Some(
        std::env::split_paths(&value)
            .filter(|p| !p.as_os_str().is_empty())
            .collect(),
    )
}

fn show_roots(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .map(|p| crate::input::shown(p))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A root is a connector.yaml itself, or a directory holding `*/connector.yaml` (or its own
/// `connector.yaml`). Sorted by name, so listings are stable.
fn spec_files(roots: &[PathBuf]) -> Result<Vec<SpecFile>, String> {
    let mut files = Vec::new();
    for root in roots {
        let meta = std::fs::metadata(root)
            .map_err(|e| format!("cannot read {}: {e}", crate::input::shown(root)))?;
        // Anything but a directory is read as a spec file (which refuses what is not a file).
        if !meta.is_dir() {
            files.push(spec_file(root.clone()));
            continue;
        }
        let own = root.join("connector.yaml");
        if own.is_file() {
            files.push(spec_file(own));
        }
        let entries = std::fs::read_dir(root)
            .map_err(|e| format!("cannot list {}: {e}", crate::input::shown(root)))?;
        for entry in entries.flatten() {
            let candidate = entry.path().join("connector.yaml");
            if candidate.is_file() {
                files.push(spec_file(candidate));
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    Ok(files)
}

/// Names a spec by its directory (`specs/klaviyo/connector.yaml` → `klaviyo`), or by its file
/// stem when it stands alone.
fn spec_file(path: PathBuf) -> SpecFile {
    let dir_name = path
        .file_name()
        .filter(|f| *f == "connector.yaml")
        .and_then(|_| path.parent()?.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let name = dir_name
        .or_else(|| path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| path.display().to_string());
    SpecFile { name, path }
}

fn pick<'f>(files: &'f [SpecFile], name: &str) -> Option<&'f SpecFile> {
    files.iter().find(|f| f.name == name)
}

fn names(files: &[SpecFile]) -> String {
    const SHOWN: usize = 12;
    let mut list: Vec<Cow<'_, str>> = files
        .iter()
        .take(SHOWN)
        .map(|f| crate::render::escape::escape_line(&f.name))
        .collect();
    if files.len() > SHOWN {
        list.push("…".into());
    }
    list.join(", ")
}

pub fn no_such_connector(name: &str, files: &[SpecFile], place: &str) -> String {
    let shown = crate::render::escape::escape_line(place);
    if name == sift::schema::harvest().connector {
        return format!(
            "no connector `{name}` in {shown}; the built-in Harvest catalog is `--connector \
             {BUILTIN_NAME}`, used when no connector is named"
        );
    }
    // A family name (`zendesk`) names every connector of the family.
    let family: Vec<&str> = files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|n| n.starts_with(name))
        .collect();
    if !family.is_empty() {
        let listed: Vec<String> = family
            .iter()
            .map(|n| format!("`{}`", crate::render::escape::escape_line(n)))
            .collect();
        return format!(
            "no connector `{name}` in {shown}; did you mean {}?",
            listed.join(", ")
        );
    }
    let near = sift::completion::suggest(
        name,
        files
            .iter()
            .map(|f| f.name.as_str())
            .chain(std::iter::once(BUILTIN_NAME)),
    );
    match near.first() {
        Some(near) => format!("no connector `{name}` in {shown}; did you mean `{near}`?"),
        None if files.is_empty() => {
            format!("no connector `{name}`: no connector.yaml found in {shown}")
        }
        None => format!("no connector `{name}` in {shown}; found: {}", names(files)),
    }
}

/// An installed `airbyte_agent_sdk`: its `specs` directory and its version.
struct InstalledSdk {
    specs: PathBuf,
    version: Option<String>,
}

/// How long the Python interpreter may take to say where the SDK is: it imports nothing, so a
/// healthy one answers in well under a second.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(10);

/// The most the interpreter may print: the answer is two short lines (a path and a version).
const PYTHON_MAX_OUTPUT: u64 = 64 * 1024;

/// The installed `airbyte_agent_sdk`, found by asking the Python interpreter on PATH where the
/// package is — `find_spec` locates a top-level package without importing (running) it, and
/// `importlib.metadata` reads the version from the installed metadata, also without importing.
/// An interpreter that does not answer within [`PYTHON_TIMEOUT`], or prints more than
/// [`PYTHON_MAX_OUTPUT`], is stopped and is an error; one that is missing or has no SDK is not.
fn installed_sdk() -> Result<Option<InstalledSdk>, String> {
    const SCRIPT: &str = "import importlib.util as u, importlib.metadata as m\n\
        s = u.find_spec('airbyte_agent_sdk')\n\
        print(s.submodule_search_locations[0] if s and s.submodule_search_locations else '')\n\
        try:\n    print(m.version('airbyte-agent-sdk'))\n\
        except Exception:\n    print('')";
    for python in ["python3", "python"] {
        let Some((success, stdout)) = ask(python, SCRIPT)? else {
            continue;
        };
        let Ok(text) = String::from_utf8(stdout) else {
            continue;
        };
        let mut lines = text.lines().map(str::trim);
        let dir = lines.next().unwrap_or_default();
        let version = lines.next().filter(|v| !v.is_empty()).map(str::to_owned);
        let specs = PathBuf::from(dir).join("specs");
        if success && !dir.is_empty() && specs.is_dir() {
            return Ok(Some(InstalledSdk { specs, version }));
        }
    }
    Ok(None)
}

/// Runs `python -c script`, bounded in time and output: whether it succeeded and what it
/// printed, or `None` when there is no such program.
fn ask(python: &str, script: &str) -> Result<Option<(bool, Vec<u8>)>, String> {
    let mut child = match Command::new(python)
        .args(["-c", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => return Ok(None),
    };
    let failed = |child: &mut std::process::Child, why: String| {
        // Stopped, not waited for beyond its end: a child of its own may hold the pipe.
        let _ = child.kill();
        let _ = child.wait();
        Err(format!(
            "{python} on PATH, asked where the airbyte_agent_sdk package is, {why}; it was \
             stopped. Check that `{python} -c pass` runs, or give the spec with --spec PATH or \
             {SPEC_PATH_VAR}"
        ))
    };
    let (sender, answer) = std::sync::mpsc::channel();
    if let Some(stdout) = child.stdout.take() {
        // Reads at most one byte past the cap; the thread is left behind if the pipe never
        // closes (the run does not wait for it).
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let read = stdout
                .take(PYTHON_MAX_OUTPUT + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes);
            let _ = sender.send(read);
        });
    }
    let deadline = Instant::now() + PYTHON_TIMEOUT;
    let waited = format!("did not answer within {} s", PYTHON_TIMEOUT.as_secs());
    let stdout = match answer.recv_timeout(PYTHON_TIMEOUT) {
        Ok(Ok(bytes)) if bytes.len() as u64 > PYTHON_MAX_OUTPUT => {
            return failed(
                &mut child,
                format!("printed more than {} KiB", PYTHON_MAX_OUTPUT >> 10),
            );
        }
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return failed(&mut child, format!("could not be read ({e})")),
        Err(_) => return failed(&mut child, waited),
    };
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(Some((status.success(), stdout))),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(None) => return failed(&mut child, waited),
            Err(e) => return failed(&mut child, format!("could not be waited for ({e})")),
        }
    }
}
