//! `sift search`: compile a query to exactly the request `sift compile --emit request` prints,
//! run it on a backend, print the records.
//!
//! The backend is a seam ([`backend::Backend`]): the hosted API (`sift-client`) when
//! credentials are set or `--api` is given, local data (`sift-eval`) with `--data DIR`.
//! Standard error says which. Anything asked of one backend that the other would ignore is
//! refused, never dropped.

pub mod backend;
pub(crate) mod hits;
pub(crate) mod reader;
pub(crate) mod records_output;
pub(crate) mod table;

use std::io::IsTerminal;
use std::path::PathBuf;

use sift_eval::{Document, Request};

use crate::args::{RecordFormat, SearchArgs};
use crate::exit;
use crate::input::{self, Source};
use crate::output::{self, Failure, Outcome};
use crate::render::Style;
use backend::{Backend, BackendError, PageRecord, Stop};

pub fn run(args: &SearchArgs, style: &Style) -> Outcome {
    let source = input::query_text(
        "search",
        args.query.as_deref(),
        args.file.as_deref(),
        args.limits.limits()?.max_file_bytes,
        " (one query, or one JSON request)",
    )?;
    let catalog = crate::catalogs::resolve(&args.catalog, style)?;
    let place = match choose(args, catalog.definition_id.as_deref()) {
        Ok(place) => place,
        Err(error) => return report_backend_error(style, error),
    };
    let options = args.clock.apply(
        args.target
            .options(&args.limits)?
            .with_emit(sift::Emit::Request),
    );
    let (mut request, target) = match request_of(args, style, &source, &catalog, &options)? {
        Ok(request) => request,
        Err(code) => return Ok(code),
    };
    if let Some(cursor) = &args.cursor {
        request = request.with_page(Some(cursor), None);
    }
    let mut backend = match place {
        Place::DryRun(settings) => {
            crate::config::in_force::backend(&backend::describe_api(&settings));
            return dry_run(style, &settings, request.text(), args.all);
        }
        Place::Local(dir) => {
            Backend::local(dir, target, catalog.into_owned(), args.skip_bad_records)
        }
        Place::Api(settings) => {
            if target.action_is_superseded() {
                output::errln(&warning_line(style, &superseded_action(target)))?;
            }
            match Backend::api(*settings) {
                Ok(backend) => backend,
                Err(error) => return report_backend_error(style, error),
            }
        }
    };
    crate::config::in_force::backend(&backend.describe());
    if let Some(refusal) = backend.refuses(&request) {
        return report_backend_error(style, refusal);
    }
    // A JSON request names any entity it likes, the data directory is any path: user text,
    // shown escaped on one line.
    output::noteln(&crate::render::escape::escape_line(&format!(
        "searching {} (entity {})",
        backend.describe(),
        request.entity()
    )))?;
    let code = print_pages(args, &mut backend, &request, style)?;
    for note in backend.closing_notes() {
        output::errln(&warning_line(style, &note))?;
    }
    Ok(code)
}

/// Where to search, as the flags and the environment say.
enum Place {
    Local(PathBuf),
    Api(Box<sift_client::Settings>),
    /// The API, to show its requests only: credentials and connector may be missing.
    DryRun(Box<sift_client::Settings>),
}

/// `--data DIR` runs locally. `--api`, `--dry-run`, a connector flag, or credentials in the
/// environment (without `--data`) mean the API, configured from `AIRBYTE_*` and the flags;
/// missing credentials or connector are reported before anything else happens (a dry run
/// sends nothing and needs neither). Without a
/// connector id, the connector is looked up in `--workspace` by `--definition-id` or else by
/// the spec's `x-airbyte-connector-definition-id` (`spec_definition`).
fn choose(args: &SearchArgs, spec_definition: Option<&str>) -> Result<Place, BackendError> {
    if let Some(dir) = &args.data {
        return Ok(Place::Local(dir.clone()));
    }
    let settings = sift_client::Settings::from_env(|name| std::env::var(name).ok());
    let asked = args.api
        || args.dry_run
        || args.connector_id.is_some()
        || args.definition_id.is_some()
        || args.workspace.is_some();
    let mut settings = match settings {
        Ok(settings) if asked || settings.has_credentials() => settings,
        Err(error) if asked => return Err(BackendError::Api(error)),
        // Broken or missing API settings are not the question when nobody asked for the API.
        Ok(_) | Err(_) => {
            return Err(BackendError::Io(format!(
                "no backend: give --data DIR (one NAME.jsonl or NAME.json per entity), e.g. --data \
                 examples/harvest, or set {} (or {} and {}) to search the hosted API",
                sift_client::env::TOKEN,
                sift_client::env::CLIENT_ID,
                sift_client::env::CLIENT_SECRET
            )));
        }
    };
    if args.skip_bad_records {
        return Err(BackendError::Io(
            "--skip-bad-records reads local data files; it means nothing to the hosted API \
             (give --data DIR to search local data)"
                .into(),
        ));
    }
    if let Some(id) = &args.connector_id {
        settings = settings.with_connector_id(id.clone());
    }
    // A lookup flag beats AIRBYTE_CONNECTOR_ID; the spec's definition id only fills a gap.
    let lookup_asked = args.definition_id.is_some() || args.workspace.is_some();
    if lookup_asked || settings.connector.is_none() {
        match args.definition_id.as_deref().or(spec_definition) {
            Some(definition) => {
                settings = settings
                    .with_connector_lookup(args.workspace.as_deref(), definition.to_owned());
            }
            None if args.workspace.is_some() => {
                return Err(BackendError::Io(
                    "--workspace finds the connector by its definition id, and neither \
                     --definition-id nor the spec (info.x-airbyte-connector-definition-id) \
                     gives one"
                        .into(),
                ));
            }
            None => {}
        }
    }
    if args.dry_run {
        return Ok(Place::DryRun(Box::new(settings)));
    }
    if !settings.has_credentials() {
        return Err(BackendError::Api(sift_client::ClientError::NoCredentials));
    }
    if settings.connector.is_none() {
        return Err(BackendError::Api(sift_client::ClientError::NoConnector));
    }
    settings.max_pages = args.max_pages as usize;
    if let Some(timeout) = args.timeout {
        settings.request_timeout = timeout;
        settings.connect_timeout = settings.connect_timeout.min(timeout);
    }
    Ok(Place::Api(Box::new(settings)))
}

/// `--dry-run`: the HTTP requests the search would send, on stdout; nothing is sent, and
/// neither credentials nor a connector are needed: the token is a placeholder naming where it
/// would come from (`backend::planned_requests`). On a terminal the text goes through the one
/// escaping rule (the body's JSON as `\uXXXX` escapes, the same request for a JSON reader);
/// piped, it is written as it would be sent.
fn dry_run(style: &Style, settings: &sift_client::Settings, body: &str, all: bool) -> Outcome {
    let planned = match backend::planned_requests(settings, body) {
        Ok(planned) => planned,
        Err(error) => return report_backend_error(style, BackendError::Api(error)),
    };
    let terminal = std::io::stdout().is_terminal();
    let text: Vec<String> = planned
        .requests
        .iter()
        .map(|request| match terminal {
            true => shown_request(request),
            false => request.to_string(),
        })
        .collect();
    output::out(&text.join("\n"))?;
    for note in &planned.notes {
        output::errln(&format!("note: {note}"))?;
    }
    if all {
        output::errln(
            "with --all, each later page sends the same body with `params.cursor` set to the \
             previous page's `meta.cursor` (and a smaller `limit` on a last page that needs \
             fewer records)",
        )?;
    }
    Ok(exit::OK)
}

/// A request as `HttpRequest`'s text, escaped for a terminal.
fn shown_request(request: &sift_client::HttpRequest) -> String {
    use crate::render::escape::{escape_json, escape_line};
    let mut text = format!(
        "{} {}\n",
        escape_line(request.method),
        escape_line(&request.url)
    );
    for (name, value) in &request.headers {
        text.push_str(&format!("{}: {}\n", escape_line(name), escape_line(value)));
    }
    if let Some(body) = &request.body {
        text.push_str(&format!("\n{}\n", escape_json(body)));
    }
    text
}

/// A backend's failure on stderr, with the exit code it means.
fn report_backend_error(style: &Style, error: BackendError) -> Outcome {
    let invalid = error.is_invalid_request();
    match error {
        BackendError::Eval(error) => {
            let message = format!("{error}: {}", backend::help_of(&error));
            if !invalid {
                return Err(Failure::Usage(message));
            }
            output::errln(&style.error_line(&message))?;
            Ok(exit::INVALID)
        }
        BackendError::Io(message) => Err(Failure::Usage(message)),
        BackendError::Api(error) => {
            output::err(&client_diagnostic(style, error))?;
            Ok(exit::USAGE_OR_IO)
        }
    }
}

/// A client error drawn like every other diagnostic: code, message, help. The client has
/// already bounded and escaped server text and cut secrets out of it.
fn client_diagnostic(style: &Style, error: sift_client::ClientError) -> String {
    style.render(std::iter::once(error), "<api>", "")
}

/// The warning for a search sent to the API with a target whose action current servers read
/// as another action.
fn superseded_action(target: sift::Target) -> String {
    let default = sift::Target::default();
    format!(
        "target {target} {}; unless the server predates that, use target {default} (the \
         default: action `{}`)",
        target.note().unwrap_or_default(),
        default.action()
    )
}

/// The request to run and the target it is for: a sift query compiled exactly as `sift
/// compile --emit request` prints it, or a JSON request (from -f) taken as written, once it
/// validates as `sift validate` would (for the target it was written for, unless a flag or the
/// project file names one); params or a bare filter are wrapped into a request. Either text is
/// read into the [`Request`] once, here. The inner `Err` is the exit code, after the
/// diagnostics are printed.
fn request_of(
    args: &SearchArgs,
    style: &Style,
    source: &Source,
    catalog: &sift::Catalog,
    options: &sift::Options,
) -> Result<Result<(Request, sift::Target), u8>, Failure> {
    if source.text.trim_start().starts_with('{') {
        let validation = sift::check_json(&source.text, catalog, options);
        if !validation.is_valid() {
            output::err(&style.render(validation.diagnostics, &source.name, &source.text))?;
            return Ok(Err(exit::INVALID));
        }
        if !validation.diagnostics.is_empty() {
            output::err(&style.render(validation.diagnostics, &source.name, &source.text))?;
        }
        let target = validation.target;
        return Ok(json_request(args, style, source, target)?.map(|body| (body, target)));
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
        [one] => Request::parse(&one.json)
            .map(|request| Ok((request, options.target)))
            .map_err(|e| Failure::Usage(format!("the compiled request: {e}"))),
        many => Err(Failure::Usage(format!(
            "{} holds {} queries; sift search runs one at a time",
            source.name,
            many.len()
        ))),
    }
}

/// A JSON document as a request: `{"entity",...}` is one, kept as written; params (`query`,
/// `limit`, ...) and a bare filter are wrapped for `--entity` and the target's action.
fn json_request(
    args: &SearchArgs,
    style: &Style,
    source: &Source,
    target: sift::Target,
) -> Result<Result<Request, u8>, Failure> {
    let invalid = |message: &str| -> Result<Result<Request, u8>, Failure> {
        output::errln(&style.error_line(&format!("{}: {message}", source.name)))?;
        Ok(Err(exit::INVALID))
    };
    let value = match Request::read(source.text.trim()) {
        Ok(Document::Request(request)) => return Ok(Ok(request)),
        Ok(Document::Other(value)) => value,
        Err(e) => return invalid(&e.to_string()),
    };
    let Some(entity) = args.target.entity.clone() else {
        return invalid("a JSON params or filter needs --entity");
    };
    let is_params = value.as_object().is_some_and(|o| {
        o.keys()
            .any(|k| sift_eval::PARAMS_KEYS.contains(&k.as_str()))
    });
    let params = if is_params {
        value
    } else {
        serde_json::json!({"query": {"filter": value}})
    };
    match Request::from_json(serde_json::json!({
        "entity": entity,
        "action": target.action(),
        "params": params,
    })) {
        Ok(request) => Ok(Ok(request)),
        Err(e) => invalid(&e.to_string()),
    }
}

/// Fetches the first page (or every page with `--all`) and prints the records as they arrive
/// (`records_output::RecordWriter`: the table waits for its rows, at most
/// `records_output::TABLE_ROWS` of them). The hits of semantic search are rows of their own in
/// a table or CSV (`hits::hit_row`).
fn print_pages(
    args: &SearchArgs,
    backend: &mut Backend,
    request: &Request,
    style: &Style,
) -> Outcome {
    let on_terminal = std::io::stdout().is_terminal();
    let format = args.format.unwrap_or(if on_terminal {
        RecordFormat::Table
    } else {
        RecordFormat::Jsonl
    });
    let fields = records_output::field_columns(request);
    let shape = hits::Shape::of_request(request);
    // A hit's row is made of its parts; `fields` name the record's columns inside it.
    let as_rows = shape == hits::Shape::Hits
        && matches!(
            format,
            RecordFormat::Table | RecordFormat::Line | RecordFormat::Csv
        );
    // The spinner only on a terminal: on a pipe or in a file it would be noise.
    let progress = (args.all && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("searching");
        bar
    });
    let writer_fields = if as_rows { None } else { fields.clone() };
    // The default table gives way to the expanded form when it cannot fit the terminal
    // without cutting words; a table asked for by name stays a table.
    let fit = match args.format {
        None => table::Fit::Auto,
        Some(_) => table::Fit::Table,
    };
    let mut writer = records_output::RecordWriter::new(
        format,
        writer_fields,
        on_terminal,
        terminal_width(on_terminal),
    )
    .styled(style.color && on_terminal, fit);
    let mut out = |text: &str| match &progress {
        Some(bar) => bar.suspend(|| output::out(text)),
        None => output::out(text),
    };
    let mut seen = 0u64;
    let mut on_records = |records: &[PageRecord]| -> Result<(), Failure> {
        seen += records.len() as u64;
        if let Some(bar) = &progress {
            bar.set_message(format!("{seen} {} so far", shape.noun(seen)));
            bar.tick();
        }
        if as_rows {
            let for_table = matches!(format, RecordFormat::Table | RecordFormat::Line);
            let rows: Vec<PageRecord> = records
                .iter()
                .map(|hit| {
                    let row = hits::hit_row(&hit.to_value(), fields.as_deref(), for_table);
                    PageRecord::Value(row)
                })
                .collect();
            return writer.write(&rows, &mut out);
        }
        writer.write(records, &mut out)
    };
    let paging = backend::Paging {
        all: args.all,
        // Under --all the query's `limit` is the most records in all.
        total: request.limit(),
        page_size: args.page_size,
        max_pages: args.max_pages,
    };
    let walked = backend.walk(request, &paging, &mut on_records);
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    let walked = walked?;
    // Pages that arrived before a failure are complete: they are finished (the JSON array
    // closed, the table drawn) before the error is shown; a failure before any record
    // prints none.
    if walked.is_ok() || writer.records() > 0 {
        let notes = writer.finish(&mut |text: &str| output::out(text))?;
        for note in notes {
            output::errln(&warning_line(style, &note))?;
        }
    }
    let walked = match walked {
        Ok(walked) => walked,
        Err(error) => return report_backend_error(style, error),
    };
    let (records, pages) = (walked.records, walked.pages);
    output::noteln(&format!(
        "{records} {} on {pages} page{}",
        shape.noun(records),
        if pages == 1 { "" } else { "s" }
    ))?;
    let resume = |lead: &str| match walked.next_cursor.as_deref().map(resume_with) {
        Some(Ok(argument)) => format!("{lead}{argument}"),
        Some(Err(why)) => format!(" ({why})"),
        None => String::new(),
    };
    match walked.stop {
        Stop::Done => Ok(exit::OK),
        Stop::OnePage => {
            output::errln(&format!("more records match: add --all{}", resume(", or ")))?;
            Ok(exit::OK)
        }
        Stop::Total(total) => {
            output::errln(&format!(
                "more records match than the query's limit of {total} (with --all, `limit` is \
                 the most records in all){}",
                resume("; resume with ")
            ))?;
            Ok(exit::OK)
        }
        // --all promised every page: stopping short of them is a failure, after the records
        // so far and with the way to go on.
        Stop::PageCap(cap) => {
            output::errln(&style.error_line(&format!(
                "stopped after {cap} pages (--max-pages {cap}) while more records match; the \
                 records so far are printed; raise --max-pages, or narrow the query{}",
                resume("; resume with ")
            )))?;
            Ok(exit::USAGE_OR_IO)
        }
    }
}

/// The longest server cursor shown as a command to copy.
const MAX_SHOWN_CURSOR: usize = 4096;

/// The argument that resumes after the last record printed, `--cursor CURSOR`, with the
/// cursor shell-quoted so that copying it cannot run anything else; `Err` says why a cursor
/// that no argument can carry, or too long to show, is not shown.
fn resume_with(cursor: &str) -> Result<String, String> {
    let quoted = match shlex::try_quote(cursor) {
        Ok(quoted) if cursor.len() <= MAX_SHOWN_CURSOR => quoted,
        Ok(_) => {
            return Err(format!(
                "the server's cursor is {} bytes long, too long to show",
                cursor.len()
            ));
        }
        Err(_) => {
            return Err("the server's cursor holds a NUL character, which no argument can".into());
        }
    };
    let shown = crate::render::escape(&quoted);
    let note = if matches!(shown, std::borrow::Cow::Borrowed(_)) {
        ""
    } else {
        " (control characters of the cursor shown as \\u{…})"
    };
    Ok(format!("--cursor {shown}{note}"))
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

/// A warning on standard error; the message (which may name files and data) is escaped.
fn warning_line(style: &Style, message: &str) -> String {
    let message = crate::render::escape(message);
    if style.color {
        format!("\x1b[1;33mwarning\x1b[0m: {message}")
    } else {
        format!("warning: {message}")
    }
}
