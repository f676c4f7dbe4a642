//! `sift test`: stored queries asserted against fixture data. Every `*.sift-test.toml` under
//! the given paths is read and checked first (a broken file stops the run before any case
//! runs); then each case's query is compiled as `sift compile --emit request` compiles it, run
//! on the file's fixtures as `sift search --data DIR --all` runs it, and set against what the
//! case expects.

mod case;
mod file;
mod help;
mod report;
mod update;

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::args::CatalogArgs;
use crate::commands::search::backend::Backend;
use crate::exit;
use crate::input;
use crate::output::{Failure, Outcome};
use crate::render::Style;
use case::{Bench, Verdict};
use file::{Case, TestFile};

pub use help::HELP;

#[derive(Debug, Args)]
pub struct TestArgs {
    /// Test files (*.sift-test.toml) or directories to search for them; default: the current
    /// directory
    pub paths: Vec<PathBuf>,
    /// Run only the cases whose `FILE::NAME` matches this regular expression
    #[arg(long, value_name = "REGEX")]
    pub run: Option<String>,
    /// How to print results: for people, JSON, or JUnit XML
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    pub format: TestFormat,
    /// Rewrite the expectations of failed cases from what their queries give now (the diff
    /// of each file is shown first; comments and layout are kept)
    #[arg(long)]
    pub update: bool,
    /// List the stored queries (.sift files) under PATHS that no case runs
    #[arg(long)]
    pub coverage: bool,
    /// Fail (exit 1) on these findings: `uncovered` stored queries (implies --coverage)
    #[arg(long, value_enum, value_name = "FINDING")]
    pub deny: Vec<Deny>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// A stored query no case runs
    Uncovered,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
}

/// A test file read and checked, with what its cases run on.
struct Loaded {
    /// The path as given or found.
    path: PathBuf,
    /// The file's text and metadata as read (for --update).
    source: input::Source,
    file: TestFile,
    catalog: sift::Catalog,
    options: sift::Options,
    fixtures: Option<PathBuf>,
    /// The one entity the fixtures hold (a single file, or `[[rows]]`).
    only_entity: Option<String>,
    /// The directory `[[rows]]` are written to, removed when the run ends.
    _scratch: Option<tempfile::TempDir>,
}

/// A case's result, for the report.
pub struct CaseReport {
    pub file: String,
    pub name: String,
    pub line: usize,
    pub verdict: Verdict,
}

pub fn run(args: &TestArgs, style: &Style) -> Outcome {
    let select = match &args.run {
        Some(pattern) => Some(
            regex::Regex::new(pattern)
                .map_err(|e| Failure::Usage(format!("--run {pattern}: {e}")))?,
        ),
        None => None,
    };
    let paths = find(&args.paths)?;
    if paths.is_empty() {
        return Err(Failure::Usage(format!(
            "no test files (*{}) under {}",
            file::SUFFIX,
            shown_paths(&args.paths)
        )));
    }
    // Every file is read and checked before any case runs.
    let loaded = paths
        .into_iter()
        .map(|path| load(path, style))
        .collect::<Result<Vec<_>, _>>()?;
    let mut reports = Vec::new();
    let mut referenced = Vec::new();
    for mut file in loaded {
        let shown = input::shown(&file.path);
        let mut backend = file.fixtures.take().map(|dir| {
            let target = file.options.target;
            Backend::local(dir, target, file.catalog.clone(), false)
        });
        let base = base_of(&file.path);
        referenced.extend(file.file.cases.iter().filter_map(|case| {
            let path = base.join(case.query_file.as_ref()?);
            std::fs::canonicalize(path).ok()
        }));
        let mut stale = Vec::new();
        for (index, case) in file.file.cases.iter().enumerate() {
            let id = format!("{shown}::{}", case.name);
            if select.as_ref().is_some_and(|re| !re.is_match(&id)) {
                continue;
            }
            let mut bench = Bench {
                catalog: &file.catalog,
                options: &file.options,
                backend: backend.as_mut(),
                only_entity: file.only_entity.as_deref(),
            };
            let ran = query_text(case, &base, &file.options)
                .and_then(|source| case::run(case, &source, &mut bench));
            let verdict = match &ran {
                Ok(got) => case::judge(case, got),
                Err(message) => Verdict::Broken(message.clone()),
            };
            reports.push(CaseReport {
                file: shown.clone(),
                name: case.name.clone(),
                line: case.line,
                verdict,
            });
            if let (
                Some(CaseReport {
                    verdict: Verdict::Fail(_),
                    ..
                }),
                Ok(got),
            ) = (reports.last(), ran)
            {
                stale.push((index, reports.len() - 1, got));
            }
        }
        if args.update && !stale.is_empty() {
            update_file(&file, &stale, &reports, style)?;
        }
    }
    if reports.is_empty() {
        return Err(Failure::Usage(match &args.run {
            Some(pattern) => format!("--run {pattern} selects no case"),
            None => "the test files hold no [[case]]".to_owned(),
        }));
    }
    let coverage = match args.coverage || !args.deny.is_empty() {
        true => Some(report::Coverage {
            uncovered: coverage(&args.paths, &referenced)?,
            denied: args.deny.contains(&Deny::Uncovered),
        }),
        false => None,
    };
    report::write(args.format, &reports, coverage.as_ref())?;
    let uncovered = coverage
        .as_ref()
        .is_some_and(|c| c.denied && !c.uncovered.is_empty());
    let broken = reports
        .iter()
        .any(|r| matches!(r.verdict, Verdict::Broken(_)));
    let failed = reports
        .iter()
        .any(|r| matches!(r.verdict, Verdict::Fail(_)));
    Ok(match (broken, failed || uncovered) {
        (true, _) => exit::USAGE_OR_IO,
        (false, true) => exit::INVALID,
        (false, false) => exit::OK,
    })
}

/// The test files: each path given (a file is taken as named), each `*.sift-test.toml` under
/// a directory given, sorted within it; the current directory when none is given.
fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let default = [PathBuf::from(".")];
    let paths = match paths.is_empty() {
        true => &default[..],
        false => paths,
    };
    let mut found = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", input::shown(path))))?;
        if !metadata.is_dir() {
            found.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| Failure::Usage(e.to_string()))?;
            if entry.file_type().is_file()
                && entry.file_name().to_string_lossy().ends_with(file::SUFFIX)
            {
                found.push(entry.into_path());
            }
        }
    }
    Ok(found)
}

/// Reads and checks one test file, resolving what it names against its directory; any
/// problem is a usage error naming the file, line and key.
fn load(path: PathBuf, style: &Style) -> Result<Loaded, Failure> {
    let shown = input::shown(&path);
    let cap = input::Cap::fixed(file::MAX_BYTES, "a sift test file");
    let source = input::read_capped(&path, cap)?;
    let text = &source.text;
    let file = file::parse(text).map_err(|e| Failure::Usage(format!("{shown}:{e}")))?;
    let base = base_of(&path);
    let place = |key: &str, message: String| {
        let at = text.find(&format!("{key} ")).unwrap_or(0);
        Failure::Usage(format!(
            "{shown}:{}",
            sift_config::located(text, at, Some(key), &message)
        ))
    };
    let catalog_args = CatalogArgs {
        spec: file.spec.as_ref().map(|spec| base.join(spec)),
        connector: file.connector.clone(),
    };
    let catalog = crate::catalogs::resolve(&catalog_args, style)
        .map_err(|e| place(key_of(&file), e))?
        .into_owned();
    let mut options = sift::Options::default()
        .with_target(file.target.unwrap_or_default())
        .with_emit(sift::Emit::Request);
    if let Some(entity) = &file.entity {
        options = options.with_entity(entity.clone());
    }
    if let Some(now) = &file.now {
        let now = crate::args::parse_instant(now).map_err(|e| place("now", e))?;
        options = options.with_now(now);
    }
    if let Some(tz) = &file.tz {
        let zone = crate::args::parse_zone(tz).map_err(|e| place("tz", e))?;
        options = options.with_time_zone(zone);
    }
    let (fixtures, only_entity, scratch) = match &file.fixtures {
        Some(fixtures) => {
            let fixtures = base.join(fixtures);
            if fixtures.is_dir() {
                (Some(fixtures), None, None)
            } else if let Some((dir, entity)) = data_file(&fixtures) {
                (Some(dir), Some(entity), None)
            } else {
                return Err(place(
                    "fixtures",
                    format!(
                        "{} is neither a directory of ENTITY.jsonl files nor one such file",
                        input::shown(&fixtures)
                    ),
                ));
            }
        }
        None if !file.rows.is_empty() => {
            let entity = file.entity.clone().unwrap_or_default();
            let scratch = write_rows(&entity, &file.rows)?;
            (Some(scratch.path().to_owned()), Some(entity), Some(scratch))
        }
        None => (None, None, None),
    };
    Ok(Loaded {
        path,
        source,
        file,
        catalog,
        options,
        fixtures,
        only_entity,
        _scratch: scratch,
    })
}

/// A regular `ENTITY.jsonl` or `ENTITY.json` file: its directory and entity.
fn data_file(path: &Path) -> Option<(PathBuf, String)> {
    if !path.is_file() {
        return None;
    }
    let name = path.file_name()?.to_str()?;
    let entity = name
        .strip_suffix(".jsonl")
        .or_else(|| name.strip_suffix(".json"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    Some((dir.to_owned(), entity.to_owned()))
}

/// `[[rows]]` written as `ENTITY.jsonl` in a fresh directory, which the local backend reads
/// as it reads any data directory.
fn write_rows(entity: &str, rows: &[serde_json::Value]) -> Result<tempfile::TempDir, Failure> {
    // The entity names a file in the scratch directory: one plain name, nothing that climbs.
    if Path::new(entity).file_name().and_then(|n| n.to_str()) != Some(entity) {
        return Err(Failure::Usage(format!(
            "`[[rows]]` of entity `{}`: an entity is one name, not a path",
            crate::render::escape::escape_line(entity)
        )));
    }
    let cannot = |e: std::io::Error| Failure::Usage(format!("cannot write the [[rows]]: {e}"));
    let dir = tempfile::Builder::new()
        .prefix("sift-test-rows")
        .tempdir()
        .map_err(cannot)?;
    let text: String = rows.iter().map(|row| format!("{row}\n")).collect();
    std::fs::write(dir.path().join(format!("{entity}.jsonl")), text).map_err(cannot)?;
    Ok(dir)
}

fn key_of(file: &TestFile) -> &'static str {
    match file.spec.is_some() {
        true => "spec",
        false => "connector",
    }
}

/// The directory a test file's relative paths start from.
fn base_of(path: &Path) -> PathBuf {
    path.parent().unwrap_or(Path::new(".")).to_owned()
}

/// The case's query: inline, or read from `query_file`.
fn query_text(case: &Case, base: &Path, options: &sift::Options) -> Result<String, String> {
    match (&case.query, &case.query_file) {
        (Some(query), _) => Ok(query.clone()),
        (None, Some(path)) => {
            input::read_file(&base.join(path), options.limits.max_file_bytes).map(|s| s.text)
        }
        (None, None) => Err("the case has no query".into()),
    }
}

fn shown_paths(paths: &[PathBuf]) -> String {
    match paths.is_empty() {
        true => ".".to_owned(),
        false => paths
            .iter()
            .map(|p| input::shown(p))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Rewrites the expectations of the failed cases of `file` (`stale`: the case's index, its
/// report, what it got), after showing the diff on standard error. The report of a case whose
/// expectations cannot be rewritten this way (an unexpected error where records are expected)
/// stays a failure, with a note.
fn update_file(
    file: &Loaded,
    stale: &[(usize, usize, case::Got)],
    reports: &[CaseReport],
    style: &Style,
) -> Result<(), Failure> {
    let mut changes = Vec::new();
    for (index, report, got) in stale {
        let Verdict::Fail(mismatches) = &reports[*report].verdict else {
            continue;
        };
        if !got.errors.is_empty() && file.file.cases[*index].needs_data() {
            crate::output::errln(&style.error_line(&format!(
                "{}::{}: not updated: the query has errors and the case expects records",
                reports[*report].file, reports[*report].name
            )))?;
            continue;
        }
        changes.push((*index, mismatches.as_slice(), got));
    }
    let text = &file.source.text;
    let new = update::rewrite(text, &changes)
        .map_err(|e| Failure::Usage(format!("{}: cannot update: {e}", input::shown(&file.path))))?;
    let diff = crate::render::unified_diff(&input::shown(&file.path), text, &new);
    if diff.is_empty() {
        return Ok(());
    }
    crate::output::err(&diff)?;
    let Some((path, metadata)) = &file.source.file else {
        return Ok(());
    };
    super::rewrite::replace(
        path,
        metadata,
        (text, &new),
        super::rewrite::Purpose::Update,
    )?;
    crate::output::noteln(&format!("updated {}", input::shown(path)))
}

/// The stored queries (`.sift` files) under `paths` that no case reads, sorted.
fn coverage(paths: &[PathBuf], referenced: &[PathBuf]) -> Result<Vec<String>, Failure> {
    let default = [PathBuf::from(".")];
    let paths = match paths.is_empty() {
        true => &default[..],
        false => paths,
    };
    let mut uncovered = Vec::new();
    for path in paths {
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry = entry.map_err(|e| Failure::Usage(e.to_string()))?;
            let is_query = entry.file_type().is_file()
                && entry.path().extension().is_some_and(|e| e == "sift");
            if !is_query {
                continue;
            }
            let canonical = std::fs::canonicalize(entry.path()).ok();
            if !canonical.is_some_and(|c| referenced.contains(&c)) {
                uncovered.push(input::shown(entry.path()));
            }
        }
    }
    Ok(uncovered)
}
