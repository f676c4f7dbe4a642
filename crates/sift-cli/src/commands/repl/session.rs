//! One REPL session: its settings (entity, target, emit form, backend), the last query, and
//! what each entry does. The editor and the script reader both hand entries here, so a
//! script prints what an interactive session shows.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use serde_json::Value;
use sift::{Catalog, Emit, Options};

use super::backend::{self, Backend};
use super::meta;
use super::{hits, records_output};
use crate::args::RecordFormat;
use crate::exit;
use crate::output::{self, Failure};
use crate::render::{Style, escape};

/// Records per page when the query sets no `limit`: a screenful, `:more` shows the next.
pub const PAGE_SIZE: u64 = 10;

/// The name diagnostics give the REPL's input.
const SOURCE_NAME: &str = "<repl>";

/// Whether the entry in `buffer` is complete: a meta-command, a query that parses, one ending
/// with `;`, or one whose last line is empty. A query that stops where the grammar needs more
/// (after `where`, an operator, inside `(`) continues on the next line; any other syntax error
/// is reported now.
pub fn input_is_complete(buffer: &str, limits: &sift::Limits) -> bool {
    let trimmed = buffer.trim();
    if trimmed.is_empty()
        || trimmed.starts_with(':')
        || trimmed.ends_with(';')
        || buffer.ends_with('\n')
        || buffer.ends_with('\r')
    {
        return true;
    }
    let options = sift::Options::default().with_limits(*limits);
    sift::format(buffer, &options).is_ok() || !sift_complete::is_unfinished(buffer)
}

/// What the loop does after an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Continue,
    Quit,
}

/// The last query: its text, and the request as run (with the page's cursor).
#[derive(Debug)]
struct Last {
    source: String,
    request: Value,
    cursor: Option<String>,
    has_more: bool,
    /// Every cursor its pages were fetched with: a backend that hands one out again would
    /// page in a circle.
    used: HashSet<String>,
}

#[derive(Debug)]
pub struct Session<'c> {
    pub catalog: &'c Catalog,
    pub options: Options,
    /// The form `:json` shows.
    pub emit: Emit,
    pub backend: Backend,
    pub style: Style,
    /// Whether to print how long a search took (not in scripts: transcripts stay stable).
    pub timings: bool,
    /// The table width: `None` fits the terminal.
    pub width: Option<u16>,
    last: Option<Last>,
    /// A query was invalid (exit 1 of a script).
    invalid: bool,
    /// A command or line failed: input/output or usage (exit 2 of a script).
    failed: bool,
}

type Done = Result<Next, Failure>;

impl<'c> Session<'c> {
    pub fn new(catalog: &'c Catalog, options: Options, backend: Backend, style: Style) -> Self {
        Session {
            catalog,
            options,
            emit: Emit::default(),
            backend,
            style,
            timings: false,
            width: None,
            last: None,
            invalid: false,
            failed: false,
        }
    }

    /// How a script went: 2 when a command or line failed, else 1 when a query was invalid,
    /// else 0.
    pub fn exit_code(&self) -> u8 {
        if self.failed {
            exit::USAGE_OR_IO
        } else if self.invalid {
            exit::INVALID
        } else {
            exit::OK
        }
    }

    /// Says that something of the session's input failed (an input or usage error).
    pub fn failed(&mut self, message: &str) -> Result<(), Failure> {
        self.failed = true;
        output::outln(&self.style.error_line(message))
    }

    /// The entity a filter without `from` searches, or the last query's.
    pub fn current_entity(&self) -> Option<String> {
        self.last
            .as_ref()
            .and_then(|l| l.request.get("entity")?.as_str().map(str::to_owned))
            .or_else(|| self.options.entity.clone())
    }

    /// Runs one complete entry.
    pub fn enter(&mut self, entry: &str) -> Done {
        let entry = entry.trim();
        if entry.is_empty() {
            return Ok(Next::Continue);
        }
        match meta::parse(entry) {
            Some(line) => self.meta(line.name, line.argument),
            None => self.query(entry.trim_end_matches(';').trim_end()),
        }
    }

    fn error(&mut self, message: &str) -> Done {
        self.failed(message)?;
        Ok(Next::Continue)
    }

    fn say(&self, message: &str) -> Done {
        output::outln(message)?;
        Ok(Next::Continue)
    }

    fn meta(&mut self, name: &str, argument: &str) -> Done {
        if !meta::is_known(name) {
            return self.error(&meta::unknown(name));
        }
        let takes = meta::META_COMMANDS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or("", |(_, a, _)| *a);
        if takes.is_empty() && !argument.is_empty() {
            return self.error(&format!(":{name} takes no argument"));
        }
        if takes.starts_with(|c: char| c.is_ascii_uppercase()) && argument.is_empty() {
            return self.error(&format!(":{name} needs {takes}"));
        }
        match name {
            "entity" => self.set_entity(argument),
            "target" => match argument.parse::<sift::Target>() {
                Ok(target) => {
                    self.options.target = target;
                    self.say(&format!("target: {target}"))
                }
                Err(e) => self.error(&e.to_string()),
            },
            "emit" => match argument.parse::<Emit>() {
                Ok(emit) => {
                    self.emit = emit;
                    self.say(&format!("emit: {emit}"))
                }
                Err(e) => self.error(&e.to_string()),
            },
            "json" => self.json(),
            "request" => self.request(),
            "schema" => self.schema(argument),
            "data" => match Backend::local(argument.into()) {
                Ok(local) => {
                    self.backend = local;
                    self.say(&format!("running queries on {}", self.backend.describe()))
                }
                Err(e) => self.error(&e),
            },
            "api" => match Backend::api() {
                Ok(api) => {
                    self.backend = api;
                    self.say(&format!("running queries on {}", self.backend.describe()))
                }
                Err(e) => self.error(&e),
            },
            "more" => self.more(),
            "fmt" => match self.formatted() {
                Ok(text) => {
                    output::out(&text)?;
                    Ok(Next::Continue)
                }
                Err(e) => self.error(&e),
            },
            "save" => self.save(Path::new(argument)),
            "help" => {
                output::out(&meta::help())?;
                Ok(Next::Continue)
            }
            _ => Ok(Next::Quit),
        }
    }

    fn unknown_entity(&mut self, name: &str) -> Done {
        let mut message = format!(
            "no entity `{}` in the {} catalog",
            escape(name),
            self.catalog.connector
        );
        if let Some(near) = sift::completion::nearest_entity(self.catalog, name) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        self.error(&message)
    }

    fn set_entity(&mut self, name: &str) -> Done {
        if self.catalog.entity(name).is_none() {
            return self.unknown_entity(name);
        }
        self.options.entity = Some(name.to_owned());
        self.say(&format!("entity: {name}"))
    }

    /// Compiles `source` to `emit`, printing diagnostics; `None` after errors (the query is
    /// invalid).
    fn compile(&mut self, source: &str, emit: Emit) -> Result<Option<String>, Failure> {
        let compiled = self.compile_quietly(source, emit)?;
        self.invalid |= compiled.is_none();
        Ok(compiled)
    }

    fn compile_quietly(&self, source: &str, emit: Emit) -> Result<Option<String>, Failure> {
        let options = self.options.clone().with_emit(emit);
        match sift::compile(source, self.catalog, &options) {
            Ok(compiled) => {
                if !compiled.warnings.is_empty() {
                    output::out(&self.style.render(compiled.warnings, SOURCE_NAME, source))?;
                }
                match compiled.outputs.as_slice() {
                    [one] => Ok(Some(one.json.clone())),
                    many => {
                        output::outln(&self.style.error_line(&format!(
                            "{} queries in one entry; enter one at a time",
                            many.len()
                        )))?;
                        Ok(None)
                    }
                }
            }
            Err(diagnostics) => {
                output::out(&self.style.render(diagnostics, SOURCE_NAME, source))?;
                Ok(None)
            }
        }
    }

    fn query(&mut self, source: &str) -> Done {
        let Some(text) = self.compile(source, Emit::Request)? else {
            return Ok(Next::Continue);
        };
        let mut request: Value = match serde_json::from_str(&text) {
            Ok(request) => request,
            Err(e) => return self.error(&format!("compiled request is not JSON: {e}")),
        };
        if let Some(params) = request.get_mut("params").and_then(Value::as_object_mut)
            && !params.contains_key("limit")
        {
            params.insert("limit".into(), Value::from(PAGE_SIZE));
        }
        self.last = Some(Last {
            source: source.to_owned(),
            request,
            cursor: None,
            has_more: false,
            used: HashSet::new(),
        });
        if matches!(self.backend, Backend::None) {
            return self
                .say("compiled (no backend to run it: :data DIR or :api; :json shows the JSON)");
        }
        self.run_page()
    }

    /// Runs the last request (from its cursor) and prints the page.
    fn run_page(&mut self) -> Done {
        let Some(last) = &self.last else {
            return self.error("no query yet");
        };
        let mut request = last.request.clone();
        if let (Some(cursor), Some(params)) = (
            &last.cursor,
            request.get_mut("params").and_then(Value::as_object_mut),
        ) {
            params.insert("cursor".into(), Value::String(cursor.clone()));
        }
        if let Some(last) = &mut self.last
            && let Some(cursor) = last.cursor.clone()
        {
            last.used.insert(cursor);
        }
        let started = Instant::now();
        let page = match self.backend.fetch(&request, self.options.target) {
            Ok(page) => page,
            Err(e) => return self.error(&e),
        };
        let took = started.elapsed();
        let fields = super::records_output::field_columns(&request);
        let shape = hits::Shape::of_request(&request);
        let table = match shape {
            hits::Shape::Records => records_output::render(
                RecordFormat::Table,
                &page.records,
                fields.as_deref(),
                self.width,
            ),
            hits::Shape::Hits => {
                let rows: Vec<Value> = page
                    .records
                    .iter()
                    .map(|hit| hits::hit_row(hit, fields.as_deref(), true))
                    .collect();
                records_output::render(RecordFormat::Table, &rows, None, self.width)
            }
        }
        .map_err(|e| Failure::Usage(format!("cannot format the records: {e}")))?;
        if !page.records.is_empty() {
            output::out(&table)?;
        }
        let count = page.records.len();
        let noun = shape.noun(count as u64);
        let mut summary = format!("{count} {noun}, has_more: {}", page.has_more);
        if self.timings {
            summary.push_str(&format!(", {:.1} ms", took.as_secs_f64() * 1000.0));
        }
        // A cursor handed out before leads back to a page already shown: paging stops there.
        let repeated = page.has_more
            && page.cursor.as_ref().is_some_and(|cursor| {
                self.last
                    .as_ref()
                    .is_some_and(|last| last.used.contains(cursor))
            });
        if repeated {
            summary.push_str(
                "; the backend handed out a cursor it gave before, so the next page would \
                 repeat one already shown: paging stops here",
            );
        } else if page.has_more {
            summary.push_str(" (:more for the next page)");
        }
        if let Some(last) = &mut self.last {
            last.has_more = page.has_more && !repeated;
            last.cursor = page.cursor.filter(|_| !repeated);
        }
        self.say(&summary)
    }

    fn more(&mut self) -> Done {
        match &self.last {
            None => self.error("no query yet"),
            Some(last) if !last.has_more || last.cursor.is_none() => self.say("no more records"),
            Some(_) => self.run_page(),
        }
    }

    fn json(&mut self) -> Done {
        let Some(last) = &self.last else {
            return self.error("no query yet");
        };
        let source = last.source.clone();
        if let Some(text) = self.compile(&source, self.emit)? {
            output::outln(&pretty(&text))?;
        }
        Ok(Next::Continue)
    }

    fn request(&mut self) -> Done {
        let Some(last) = &self.last else {
            return self.error("no query yet");
        };
        let body = last.request.to_string();
        match backend::describe_request(&body) {
            Ok(text) => {
                output::out(&text)?;
                Ok(Next::Continue)
            }
            Err(e) => {
                output::outln(
                    &self
                        .style
                        .error_line(&format!("cannot describe the HTTP request: {e}")),
                )?;
                output::outln(&format!("the execute body:\n{}", pretty(&body)))?;
                Ok(Next::Continue)
            }
        }
    }

    fn schema(&mut self, argument: &str) -> Done {
        let entity = if argument.is_empty() {
            self.current_entity()
        } else {
            Some(argument.to_owned())
        };
        let Some(entity) = entity else {
            let mut out = String::from("entities (:schema E for the fields of one):\n");
            for e in sift::completion::entity_completions(self.catalog) {
                out.push_str(&format!("  {:<28} {} fields\n", e.text, e.field_count));
            }
            output::out(&out)?;
            return Ok(Next::Continue);
        };
        let Some(fields) = sift::completion::field_completions_of(self.catalog, &entity) else {
            return self.unknown_entity(&entity);
        };
        let mut out = format!("{entity}:\n");
        for field in fields.iter().filter(|f| !f.shadowed) {
            let path = if field.within.is_empty() {
                field.path.clone()
            } else {
                format!("{} any ({})", field.within.join(" any ("), field.path)
            };
            out.push_str(&format!("  {:<28} {:<20}", path, field.type_text()));
            if let Some(description) = field.description {
                out.push_str(&format!(" {}", escape(description)));
            }
            out.push('\n');
        }
        let configured = self.catalog.entity(&entity).into_iter();
        for (field, search) in configured.flat_map(|e| e.semantic_fields()) {
            let names: Vec<String> = search
                .filter_names()
                .map(|n| escape(n).into_owned())
                .collect();
            out.push_str(&format!(
                "  similar to \"…\" in {} (unit `{}`): its `where` names {}\n",
                escape(&sift::syntax::format_field_name(&field.name)),
                escape(&search.unit_label),
                names.join(", ")
            ));
        }
        output::out(&out)?;
        Ok(Next::Continue)
    }

    fn formatted(&self) -> Result<String, String> {
        let last = self.last.as_ref().ok_or("no query yet")?;
        sift::format(&last.source, &self.options)
            .map_err(|_| String::from("the last query does not parse"))
    }

    fn save(&mut self, path: &Path) -> Done {
        let text = match self.formatted() {
            Ok(text) => text,
            Err(e) => return self.error(&e),
        };
        let cap = crate::input::Cap::flag(self.options.limits.max_file_bytes);
        match append_query(path, text.trim_end(), cap, self.catalog) {
            Ok(()) => self.say(&format!("appended to {}", crate::input::shown(path))),
            Err(e) => self.error(&e),
        }
    }
}

/// Appends `query` and its `;` to the `.sift` file at `path` (created if missing), after a
/// `;` and a line break where the file's last query lacks them, so that the file's queries
/// stay apart. Only a regular file is written: a symbolic link, a FIFO or a device is refused,
/// and so is a file that ends inside a string or quoted name (what follows would join it).
fn append_query(
    path: &Path,
    query: &str,
    cap: crate::input::Cap,
    catalog: &Catalog,
) -> Result<(), String> {
    let name = crate::input::shown(path);
    let (mut file, _) = crate::input::open(path, crate::input::Open::Append(cap))?;
    let mut existing = Vec::new();
    (&file)
        .take(cap.bytes as u64 + 1)
        .read_to_end(&mut existing)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    let existing = String::from_utf8(existing)
        .map_err(|_| format!("{name}: not UTF-8 text; nothing was appended"))?;
    let separator = separator_after(&existing, catalog).ok_or_else(|| {
        format!("{name} ends inside a string or quoted name; nothing was appended")
    })?;
    file.write_all(format!("{separator}{query};\n").as_bytes())
        .map_err(|e| format!("cannot append to {name}: {e}"))
}

/// What goes between the text of a `.sift` file and a query appended to it: nothing, a line
/// break, or a `;` (on a line of its own after a comment); `None` when the text ends inside a
/// string or quoted name.
fn separator_after(text: &str, catalog: &Catalog) -> Option<&'static str> {
    use sift_complete::Class;
    let tokens = sift_complete::highlight(text, catalog, None);
    let line_ended = text.is_empty() || text.ends_with(['\n', '\r']);
    let after_comment = tokens.last().is_some_and(|(_, c)| *c == Class::Comment);
    let Some((span, class)) = tokens.iter().rev().find(|(_, c)| *c != Class::Comment) else {
        return Some(if line_ended { "" } else { "\n" });
    };
    let token = text.get(span.range()).unwrap_or_default();
    if *class == Class::Error && token.starts_with(['"', '`']) {
        return None;
    }
    Some(match (token == ";", line_ended, after_comment) {
        (true, true, _) => "",
        (true, false, _) => "\n",
        (false, false, true) => "\n;\n",
        (false, _, _) => ";\n",
    })
}

/// Compact JSON text, indented for reading (key order and numbers as written).
fn pretty(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| text.to_owned())
}
