//! One REPL session: its settings (entity, target, emit form, backend, how records are shown),
//! the last query, and what each entry does. The editor, the script reader, `:run` and
//! `:edit` all hand entries here, so a script prints what an interactive session shows.

use std::collections::HashSet;
use std::path::Path;

use sift::{Catalog, Emit, Options};
use sift_eval::Request;

use super::backend::{self, Backend};
use super::meta::{self, MetaLine};
use super::page::Display;
use super::{edit, lines, save};
use crate::exit;
use crate::output::{self, Failure};
use crate::render::{Style, escape};

/// Records per page when the query sets no `limit`: a screenful, `:more` shows the next.
pub const PAGE_SIZE: u64 = 10;

/// How deep `:run` files may run one another (a file that runs itself stops there).
const MAX_RUN_DEPTH: usize = 16;

/// The name diagnostics give the REPL's input.
pub(super) const SOURCE_NAME: &str = "<repl>";

/// Whether the entry in `buffer` is complete: a meta-command on its last line, a query that
/// parses, one ending with `;`, or one whose last line is empty. A query that stops where the
/// grammar needs more (after `where`, an operator, inside `(`) continues on the next line; any
/// other syntax error is reported now.
pub fn input_is_complete(buffer: &str, limits: &sift::Limits) -> bool {
    let trimmed = buffer.trim();
    let (before, last) = split_last_line(buffer);
    if trimmed.is_empty()
        || meta::parse(last, before.trim().is_empty()).is_some()
        || trimmed.ends_with(';')
        || buffer.ends_with('\n')
        || buffer.ends_with('\r')
    {
        return true;
    }
    let options = sift::Options::default().with_limits(*limits);
    sift::format(buffer, &options).is_ok() || !sift_complete::is_unfinished(buffer)
}

/// The text before the last line (with its line break), and the last line.
pub fn split_last_line(buffer: &str) -> (&str, &str) {
    match buffer.rfind(['\n', '\r']) {
        Some(at) => (&buffer[..=at], &buffer[at + 1..]),
        None => ("", buffer),
    }
}

/// What the loop does after an entry.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    Continue,
    Quit,
}

/// The last query: its text, and the request as run (with the page's cursor).
#[derive(Debug)]
pub(super) struct Last {
    pub source: String,
    /// The entity it searched.
    pub entity: Option<String>,
    pub request: Request,
    pub cursor: Option<String>,
    pub has_more: bool,
    /// The query's `limit`: the most records its pages show in all.
    pub total: Option<u64>,
    /// Records shown so far.
    pub shown: u64,
    /// The `limit` stopped the pages while more records match.
    pub beyond_limit: bool,
    /// Every cursor its pages were fetched with: a backend that hands one out again would
    /// page in a circle.
    pub used: HashSet<String>,
}

#[derive(Debug)]
pub struct Session<'c> {
    pub catalog: &'c Catalog,
    pub options: Options,
    /// The form `:json` shows.
    pub emit: Emit,
    pub backend: Backend,
    pub style: Style,
    /// How records are shown (`:mode`, `:x`).
    pub display: Display,
    /// Whether standard output is a terminal (JSON, JSON Lines and CSV escape data there).
    pub terminal: bool,
    /// Whether to print how long a search took (not in scripts: transcripts stay stable).
    pub timings: bool,
    /// The table width: `None` fits the terminal.
    pub width: Option<u16>,
    /// The lines of the entry being written when a meta-command runs on a continuation line;
    /// they stay the entry after it (`:edit` edits them).
    pub pending: String,
    pub(super) last: Option<Last>,
    /// How many `:run` files are running.
    depth: usize,
    /// A query was invalid (exit 1 of a script).
    invalid: bool,
    /// A command or line failed: input/output or usage (exit 2 of a script).
    failed: bool,
}

pub(super) type Done = Result<Next, Failure>;

impl<'c> Session<'c> {
    pub fn new(catalog: &'c Catalog, options: Options, backend: Backend, style: Style) -> Self {
        Session {
            catalog,
            options,
            emit: Emit::default(),
            backend,
            style,
            display: Display::default(),
            terminal: false,
            timings: false,
            width: None,
            pending: String::new(),
            last: None,
            depth: 0,
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
            .and_then(|l| l.entity.clone())
            .or_else(|| self.options.entity.clone())
    }

    /// The entity the entry being written names (`from clients where` …), else
    /// [`Session::current_entity`].
    fn entity_in_view(&self) -> Option<String> {
        sift_complete::highlight(&self.pending, self.catalog, None)
            .into_iter()
            .find(|(_, class)| *class == sift_complete::Class::Entity)
            .and_then(|(span, _)| self.pending.get(span.range()))
            .map(|name| name.trim_matches('`').to_owned())
            .or_else(|| self.current_entity())
    }

    /// Runs one complete entry: a meta-command line, or a query (blanks and comments alone
    /// are nothing to run).
    pub fn enter(&mut self, entry: &str) -> Done {
        let entry = entry.trim();
        if lines::only_comments(self, entry) {
            return Ok(Next::Continue);
        }
        match meta::parse(entry, true) {
            Some(line) => self.meta(&line),
            None => self.query(entry.trim_end_matches(';').trim_end()),
        }
    }

    pub(super) fn error(&mut self, message: &str) -> Done {
        self.failed(message)?;
        Ok(Next::Continue)
    }

    pub(super) fn say(&self, message: &str) -> Done {
        output::outln(message)?;
        Ok(Next::Continue)
    }

    /// Runs a meta-command line.
    pub fn meta(&mut self, line: &MetaLine<'_>) -> Done {
        let Some(command) = line.command else {
            return self.error(&meta::unknown(line.name));
        };
        let (name, argument) = (command.name, line.argument);
        let takes = command.argument;
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
            "data" => match backend::local(argument.into(), self.options.target, self.catalog) {
                Ok(local) => {
                    self.backend = Some(local);
                    let shown = backend::describe(&self.backend);
                    self.say(&format!("running queries on {shown}"))
                }
                Err(e) => self.error(&e),
            },
            "api" => match backend::api() {
                Ok(api) => {
                    self.backend = Some(api);
                    let shown = backend::describe(&self.backend);
                    self.say(&format!("running queries on {shown}"))
                }
                Err(e) => self.error(&e),
            },
            "more" => self.more(),
            "mode" => match self.display.set_mode(argument) {
                Ok(shown) => self.say(&shown),
                Err(e) => self.error(&e),
            },
            "x" => match self.display.set_expanded(argument) {
                Ok(shown) => self.say(&shown),
                Err(e) => self.error(&e),
            },
            "fmt" => match self.formatted() {
                Ok(text) => {
                    output::out(&text)?;
                    Ok(Next::Continue)
                }
                Err(e) => self.error(&e),
            },
            "save" => self.save(Path::new(argument)),
            "run" => self.run_file(Path::new(argument)),
            "edit" => self.edit(),
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
        if let Some(last) = &mut self.last {
            // A filter on the new entity is what comes next.
            last.entity = Some(name.to_owned());
        }
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

    /// Compiles and runs a query: its first page, of the query's `limit` records (which is
    /// also the most its pages show in all), else of [`PAGE_SIZE`].
    fn query(&mut self, source: &str) -> Done {
        let Some(text) = self.compile(source, Emit::Request)? else {
            return Ok(Next::Continue);
        };
        let mut request = match Request::parse(&text) {
            Ok(request) => request,
            Err(e) => return self.error(&format!("compiled request is not JSON: {e}")),
        };
        let total = request.limit();
        if total.is_none() {
            // Only a request with `params` gets a page size.
            request = request.with_page(None, Some(PAGE_SIZE));
        }
        self.last = Some(Last {
            source: source.to_owned(),
            entity: Some(request.entity().to_owned()),
            request,
            cursor: None,
            has_more: false,
            total,
            shown: 0,
            beyond_limit: false,
            used: HashSet::new(),
        });
        if self.backend.is_none() {
            return self
                .say("compiled (no backend to run it: :data DIR or :api; :json shows the JSON)");
        }
        self.run_page()
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
        // Compact, as `run_page` sends every page.
        let body = last.request.json().to_string();
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
            self.entity_in_view()
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

    /// `:save FILE`: the last query, whole (with the `from` of a filter written on the
    /// `:entity`), appended after a `;`.
    fn save(&mut self, path: &Path) -> Done {
        let Some(last) = &self.last else {
            return self.error("no query yet");
        };
        let entity = last.entity.clone().or_else(|| self.options.entity.clone());
        let Some(text) =
            save::whole_query(&last.source, entity.as_deref(), self.catalog, &self.options)
        else {
            return self.error("the last query does not parse");
        };
        let cap = crate::input::Cap::flag(self.options.limits.max_file_bytes);
        match save::append_query(path, text.trim_end(), cap, self.catalog) {
            Ok(()) => self.say(&format!("appended to {}", crate::input::shown(path))),
            Err(e) => self.error(&e),
        }
    }

    /// `:run FILE` (psql's `\i`): the file's lines as if typed, echoed after their prompts.
    fn run_file(&mut self, path: &Path) -> Done {
        if self.depth >= MAX_RUN_DEPTH {
            return self.error(&format!(
                ":run files run one another more than {MAX_RUN_DEPTH} deep; {} not run",
                crate::input::shown(path)
            ));
        }
        let source = match crate::input::read_file(path, self.options.limits.max_file_bytes) {
            Ok(source) => source,
            Err(e) => return self.error(&e),
        };
        self.run_text(&source.text)
    }

    /// Runs `text` as typed lines, in its own entry; the entry being written stays.
    fn run_text(&mut self, text: &str) -> Done {
        let pending = std::mem::take(&mut self.pending);
        self.depth += 1;
        let next = lines::run_document(self, text);
        self.depth -= 1;
        self.pending = pending;
        next
    }

    /// The queries of a `.sift` text, one after the other, each echoed as typed; a text that
    /// does not compile is echoed whole with its diagnostics.
    pub(super) fn document(&mut self, text: &str) -> Done {
        if lines::only_comments(self, text) {
            return Ok(Next::Continue);
        }
        let options = self.options.clone().with_emit(Emit::Request);
        let compiled = match sift::compile(text, self.catalog, &options) {
            Ok(compiled) => compiled,
            Err(diagnostics) => {
                lines::echo(text)?;
                output::out(&self.style.render(diagnostics, SOURCE_NAME, text))?;
                self.invalid = true;
                return Ok(Next::Continue);
            }
        };
        for query in compiled.outputs {
            let source = text.get(query.span.range()).unwrap_or_default();
            lines::echo(source)?;
            if self.query(source)? == Next::Quit {
                return Ok(Next::Quit);
            }
        }
        Ok(Next::Continue)
    }

    /// `:edit` (psql's `\e`): the entry being written, else the last query, in the user's
    /// editor; what is saved runs as typed lines and replaces the entry.
    fn edit(&mut self) -> Done {
        let text = match (&self.pending, &self.last) {
            (pending, _) if !pending.trim().is_empty() => pending.clone(),
            (_, Some(last)) => last.source.clone(),
            (_, None) => String::new(),
        };
        let cap = crate::input::Cap::flag(self.options.limits.max_file_bytes);
        match edit::in_editor(&text, cap) {
            Ok(Some(edited)) => {
                self.pending.clear();
                self.run_text(&edited)
            }
            Ok(None) => self.say("not changed; nothing was run"),
            Err(e) => self.error(&e),
        }
    }
}

/// Compact JSON text, indented for reading (key order and numbers as written).
pub(super) fn pretty(text: &str) -> String {
    serde_json::from_str::<serde_json::Value>(text)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_else(|_| text.to_owned())
}
