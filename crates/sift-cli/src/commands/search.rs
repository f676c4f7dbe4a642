//! `sift search`: compile a query to exactly the request `sift compile --emit request` prints,
//! run it on a backend, print the records.
//!
//! The backend is a seam: [`Backend`] returns one page per request. [`LocalBackend`] runs the
//! request with `sift-eval` over a data directory; the hosted API slots in as a second
//! implementation. Until it exists, asking for it (`--api`, or credentials in the environment
//! without `--data`) is an error, never a silent fallback.

mod reader;
mod records_output;

use std::io::IsTerminal;
use std::path::PathBuf;

use serde_json::Value;
use sift_eval::Search;

use crate::args::{RecordFormat, SearchArgs};
use crate::exit;
use crate::input::{self, Source};
use crate::output::{self, Failure, Outcome};
use crate::render::Style;

/// The variables that mean "search the hosted API" when `--data` is not given.
const CREDENTIAL_VARIABLES: [&str; 2] = ["AIRBYTE_TOKEN", "AIRBYTE_CLIENT_ID"];

/// One page of records from a backend.
#[derive(Debug)]
pub struct Fetched {
    pub records: Vec<Value>,
    pub has_more: bool,
    pub cursor: Option<String>,
}

/// Why a backend could not answer: an invalid request (exit 1) or a data/IO failure (exit 2).
#[derive(Debug)]
pub enum BackendError {
    Invalid(String),
    Io(String),
}

/// Where searches run. `fetch` takes the full request (with `params.cursor` for later pages).
pub trait Backend {
    /// What runs the search, for the line on stderr (`local data in examples/harvest`).
    fn describe(&self) -> String;
    fn fetch(&mut self, request: &Value) -> Result<Fetched, BackendError>;
    /// Warnings to print once the search is done (skipped lines, mismatched types).
    fn closing_notes(&self) -> Vec<String>;
}

pub fn run(args: &SearchArgs, style: &Style) -> Outcome {
    let source = match &args.query {
        Some(text) => Source {
            name: "<query>".into(),
            text: text.clone(),
            file: None,
        },
        None => {
            let input = input::single(args.file.as_deref())?;
            input::read(&input, args.limits.limits()?.max_file_bytes).map_err(Failure::Usage)?
        }
    };
    let data = choose_backend(args)?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let options = args.clock.apply(sift::Options {
        emit: sift::Emit::Request,
        ..args.target.options(&args.limits)?
    });
    let mut request = match request_of(args, style, &source, &catalog, &options)? {
        Ok(request) => request,
        Err(code) => return Ok(code),
    };
    if let Some(cursor) = &args.cursor {
        params_of(&mut request).insert("cursor".into(), Value::String(cursor.clone()));
    }
    let entity_name = request
        .get("entity")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut backend = LocalBackend {
        dir: data,
        target: options.target,
        entity: catalog.entity(&entity_name).cloned(),
        skip_bad: args.skip_bad_records,
        skipped: 0,
        first_skipped: None,
        mismatches: reader::Mismatches::default(),
        read: 0,
    };
    output::errln(&format!(
        "searching {} (entity {entity_name})",
        backend.describe()
    ))?;
    let code = run_pages(args, &mut backend, &mut request, style)?;
    for note in backend.closing_notes() {
        output::errln(&warning_line(style, &note))?;
    }
    Ok(code)
}

/// `--data DIR` runs locally; `--api`, or credentials without `--data`, asks for the API.
fn choose_backend(args: &SearchArgs) -> Result<PathBuf, String> {
    let credentials = CREDENTIAL_VARIABLES
        .iter()
        .find(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    match (&args.data, args.api, credentials) {
        (Some(dir), _, _) => Ok(dir.clone()),
        (None, true, _) | (None, false, Some(_)) => Err(format!(
            "the hosted API backend is not available in this build yet ({}); search local data with --data DIR",
            match credentials {
                Some(var) if !args.api => format!("{var} is set"),
                _ => "--api was given".to_owned(),
            }
        )),
        (None, false, None) => Err(
            "no backend: give --data DIR (one NAME.jsonl or NAME.json per entity), e.g. --data examples/harvest"
                .into(),
        ),
    }
}

/// The request to run: a sift query compiled as `sift compile --emit request` would, or a JSON
/// request, params or filter (from -f) taken as written. The inner `Err` is the exit code,
/// after the diagnostics are printed.
fn request_of(
    args: &SearchArgs,
    style: &Style,
    source: &Source,
    catalog: &sift::Catalog,
    options: &sift::Options,
) -> Result<Result<Value, u8>, Failure> {
    if source.text.trim_start().starts_with('{') {
        return json_request(args, style, source, options.target);
    }
    let compiled = match sift::compile(&source.text, catalog, options) {
        Ok(compiled) => compiled,
        Err(diagnostics) => {
            output::err(&style.render(diagnostics, &source.name, &source.text))?;
            return Ok(Err(exit::INVALID));
        }
    };
    if !compiled.warnings.is_empty() {
        output::err(&style.render(compiled.warnings, &source.name, &source.text))?;
    }
    match compiled.outputs.as_slice() {
        [one] => serde_json::from_str(one)
            .map(Ok)
            .map_err(|e| Failure::Usage(format!("compiled request is not JSON: {e}"))),
        many => Err(Failure::Usage(format!(
            "{} holds {} queries; sift search runs one at a time",
            source.name,
            many.len()
        ))),
    }
}

/// A JSON document as a request: `{"entity",...}` is one; params (`query`, `limit`, ...) and a
/// bare filter are wrapped for `--entity` and the target's action.
fn json_request(
    args: &SearchArgs,
    style: &Style,
    source: &Source,
    target: sift::Target,
) -> Result<Result<Value, u8>, Failure> {
    let invalid = |message: &str| -> Result<Result<Value, u8>, Failure> {
        output::errln(&style.error_line(&format!("{}: {message}", source.name)))?;
        Ok(Err(exit::INVALID))
    };
    let value: Value = match serde_json::from_str(&source.text) {
        Ok(value) => value,
        Err(e) => return invalid(&format!("not JSON: {e}")),
    };
    if value.get("entity").is_some() {
        return Ok(Ok(value));
    }
    let Some(entity) = args.target.entity.clone() else {
        return invalid("a JSON params or filter needs --entity");
    };
    let is_params = value.as_object().is_some_and(|o| {
        o.keys()
            .any(|k| ["query", "limit", "cursor", "fields", "semantic"].contains(&k.as_str()))
    });
    let params = if is_params {
        value
    } else {
        serde_json::json!({"query": {"filter": value}})
    };
    Ok(Ok(serde_json::json!({
        "entity": entity,
        "action": target.action(),
        "params": params,
    })))
}

fn params_of(request: &mut Value) -> &mut serde_json::Map<String, Value> {
    let object = match request {
        Value::Object(object) => object,
        other => {
            *other = Value::Object(serde_json::Map::new());
            let Value::Object(object) = other else {
                unreachable!("just assigned an object")
            };
            object
        }
    };
    let params = object
        .entry("params")
        .or_insert_with(|| Value::Object(serde_json::Map::new()));
    if !params.is_object() {
        *params = Value::Object(serde_json::Map::new());
    }
    match params {
        Value::Object(params) => params,
        _ => unreachable!("params was made an object"),
    }
}

/// Fetches the first page (or every page with `--all`) and prints the records.
fn run_pages(
    args: &SearchArgs,
    backend: &mut dyn Backend,
    request: &mut Value,
    style: &Style,
) -> Outcome {
    let on_terminal = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if on_terminal {
        RecordFormat::Table
    } else {
        RecordFormat::Jsonl
    });
    let fields = field_columns(request);
    let progress = (args.all && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("searching");
        bar
    });
    let mut kept = Vec::new();
    let (mut pages, mut records) = (0u64, 0u64);
    let last = loop {
        let page = match backend.fetch(request) {
            Ok(page) => page,
            Err(failure) => {
                if let Some(bar) = &progress {
                    bar.finish_and_clear();
                }
                return match failure {
                    BackendError::Io(message) => Err(Failure::Usage(message)),
                    BackendError::Invalid(message) => {
                        output::errln(&style.error_line(&message))?;
                        Ok(exit::INVALID)
                    }
                };
            }
        };
        pages += 1;
        records += page.records.len() as u64;
        if let Some(bar) = &progress {
            bar.set_message(format!("{records} records, {pages} pages"));
            bar.tick();
        }
        if format == RecordFormat::Jsonl {
            output::out(&records_output::jsonl(&page.records))?;
        } else {
            kept.extend(page.records.iter().cloned());
        }
        match (&page.cursor, args.all && page.has_more) {
            (Some(cursor), true) => {
                params_of(request).insert("cursor".into(), Value::String(cursor.clone()));
            }
            _ => break page,
        }
    };
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    if format != RecordFormat::Jsonl {
        let width = terminal_width(on_terminal);
        let text = records_output::render(format, &kept, fields.as_deref(), width)
            .map_err(|e| Failure::Usage(format!("cannot format the records: {e}")))?;
        output::out(&text)?;
    }
    output::errln(&format!(
        "{records} record{} on {pages} page{}",
        if records == 1 { "" } else { "s" },
        if pages == 1 { "" } else { "s" }
    ))?;
    if let (true, Some(cursor)) = (last.has_more, &last.cursor) {
        output::errln(&format!(
            "more records match: add --all, or --cursor {cursor}"
        ))?;
    }
    Ok(exit::OK)
}

/// The table width: the terminal's own on a terminal, else `COLUMNS`, else 100.
fn terminal_width(on_terminal: bool) -> Option<u16> {
    if on_terminal {
        return None;
    }
    Some(
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(100),
    )
}

/// The request's `fields` as dotted column names, in order.
fn field_columns(request: &Value) -> Option<Vec<String>> {
    let fields = request.get("params")?.get("fields")?.as_array()?;
    fields
        .iter()
        .map(|f| match f {
            Value::String(s) => Some(s.clone()),
            Value::Array(keys) => Some(
                keys.iter()
                    .map(|k| k.as_str().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            _ => None,
        })
        .collect()
}

fn warning_line(style: &Style, message: &str) -> String {
    if style.color {
        format!("\x1b[1;33mwarning\x1b[0m: {message}")
    } else {
        format!("warning: {message}")
    }
}

/// Runs requests with `sift-eval` over `DIR/ENTITY.jsonl` or `DIR/ENTITY.json`.
#[derive(Debug)]
struct LocalBackend {
    dir: PathBuf,
    target: sift::Target,
    /// The entity's schema, for counting values of another JSON type.
    entity: Option<sift::Entity>,
    skip_bad: bool,
    skipped: u64,
    first_skipped: Option<String>,
    mismatches: reader::Mismatches,
    read: u64,
}

impl Backend for LocalBackend {
    fn describe(&self) -> String {
        format!("local data in {}", self.dir.display())
    }

    fn fetch(&mut self, request: &Value) -> Result<Fetched, BackendError> {
        let (entity, search) = Search::from_request(request, self.target)
            .map_err(|e| BackendError::Invalid(format!("{e}: {}", help_of(&e))))?;
        let file = reader::locate(&self.dir, &entity).map_err(BackendError::Io)?;
        let mut collector = search.collector();
        // Each page counts afresh; the notes report the last (or only) page's scan.
        let mut mismatches = reader::Mismatches::default();
        let schema = self.entity.as_ref();
        let report = reader::scan(&file, self.skip_bad, &mut |record| {
            if let Some(schema) = schema {
                mismatches.count(schema, &record);
            }
            collector.push(record)
        })
        .map_err(BackendError::Io)?;
        self.mismatches = mismatches;
        self.read = report.read;
        self.skipped = report.skipped;
        self.first_skipped = report.first_skipped;
        let page = collector.finish();
        Ok(Fetched {
            records: page.records,
            has_more: page.has_more,
            cursor: page.cursor,
        })
    }

    fn closing_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if self.skipped > 0 {
            notes.push(format!(
                "skipped {} malformed record{} (the first at {})",
                self.skipped,
                if self.skipped == 1 { "" } else { "s" },
                self.first_skipped.as_deref().unwrap_or("?")
            ));
        }
        if self.mismatches.total() > 0 {
            let details: Vec<String> = self
                .mismatches
                .by_path
                .iter()
                .map(|(path, (count, found))| {
                    let types: Vec<String> =
                        found.iter().map(|(t, n)| format!("{n} {t}")).collect();
                    let declared = self
                        .entity
                        .as_ref()
                        .and_then(|e| e.field(path.split('.').next().unwrap_or(path)))
                        .map_or(String::new(), |f| format!(", declared {}", f.ty));
                    format!("`{path}` {count}× ({}{declared})", types.join(", "))
                })
                .collect();
            notes.push(format!(
                "{} value{} in the {} records read have a JSON type the schema does not declare: {}; such values never match a comparison with the declared type (docs/semantics.md)",
                self.mismatches.total(),
                if self.mismatches.total() == 1 { "" } else { "s" },
                self.read,
                details.join("; ")
            ));
        }
        notes
    }
}

fn help_of(error: &sift_eval::EvalError) -> String {
    use miette::Diagnostic;
    error.help().map(|h| h.to_string()).unwrap_or_default()
}
