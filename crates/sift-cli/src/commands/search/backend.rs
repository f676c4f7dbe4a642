//! Where a search runs: [`Backend::Local`] evaluates the request with `sift-eval` over a data
//! directory, [`Backend::Api`] sends it byte for byte to the hosted API with `sift-client`.
//! Both take the request text `sift compile --emit request` prints and answer one [`Fetched`]
//! page per call; [`Backend::walk`] follows cursors for `--all`. The tokio runtime lives here,
//! inside the API backend, and nowhere else in the binary.

use std::path::PathBuf;

use serde_json::Value;
use sift_eval::Search;

use super::reader;

/// One page of records from a backend.
#[derive(Debug)]
pub struct Fetched {
    pub records: Vec<PageRecord>,
    pub has_more: bool,
    pub cursor: Option<String>,
}

/// A record of a page.
#[derive(Debug, Clone)]
pub enum PageRecord {
    Value(Value),
    /// A line of local data that is exactly what serde_json writes for its record (compact,
    /// no escapes): printed as it is, parsed only for a format that needs the `Value`.
    Line(Box<str>),
    /// A record of the API, as the server wrote it (a JSON object): read into a `Value` one
    /// at a time as it is printed, so a page never becomes a tree of values at once.
    Api(sift_client::Record),
}

impl PageRecord {
    pub fn into_value(self) -> Value {
        match self {
            PageRecord::Value(value) => value,
            other => other.to_value(),
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            PageRecord::Value(value) => value.clone(),
            // The line was read as this record already; reading it again cannot fail.
            PageRecord::Line(line) => serde_json::from_str(line).unwrap_or(Value::Null),
            PageRecord::Api(record) => record.to_value(),
        }
    }
}

/// Records a local scan reads before it hands out matches as it goes: a malformed line among
/// the first ones fails the search before anything is printed.
const STREAM_AFTER: usize = 4096;

/// How many final records a local scan hands out at once.
const BATCH: usize = 1024;

/// Why a backend could not answer.
#[derive(Debug)]
pub enum BackendError {
    /// The request is not one the local evaluator can run (exit 1).
    Invalid(String),
    /// Local data could not be read (exit 2).
    Io(String),
    /// A valid request the local evaluator does not run: semantic search (exit 2).
    Unsupported(String),
    /// The API client failed (exit 2); rendered with its code and help.
    Api(sift_client::ClientError),
    /// `--all` reached `--max-pages` while more records match (exit 2).
    PageCap { pages: u32 },
}

/// How a walk over pages ended (the pages themselves went to the caller one by one).
#[derive(Debug)]
pub struct Walked {
    pub pages: u32,
    pub records: u64,
    /// The cursor of the next page when the walk stopped with more to come (one page only).
    pub next_cursor: Option<String>,
}

/// A search backend. Construct with [`Backend::local`] or [`Backend::api`].
#[derive(Debug)]
pub enum Backend {
    Local(Box<LocalData>),
    Api(Box<ApiSearch>),
}

impl Backend {
    /// Searches `DIR/ENTITY.jsonl` or `DIR/ENTITY.json`; `catalog` supplies each entity's
    /// schema for counting values of another JSON type.
    pub fn local(
        dir: PathBuf,
        target: sift::Target,
        catalog: sift::Catalog,
        skip_bad: bool,
    ) -> Backend {
        Backend::Local(Box::new(LocalData {
            dir,
            target,
            catalog,
            skip_bad,
            scan: reader::ScanReport::default(),
            mismatches: reader::Mismatches::default(),
            entity: None,
        }))
    }

    /// Searches the hosted API with these settings. Builds the client and a single-threaded
    /// tokio runtime; nothing is sent yet.
    pub fn api(settings: sift_client::Settings) -> Result<Backend, BackendError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| BackendError::Io(format!("cannot start the HTTP runtime: {e}")))?;
        let client = sift_client::Client::new(settings).map_err(BackendError::Api)?;
        Ok(Backend::Api(Box::new(ApiSearch { runtime, client })))
    }

    /// What runs the search, for the line on stderr: `local data in examples/harvest`, or
    /// `the API at https://api.airbyte.ai/ (connector 1234)`.
    pub fn describe(&self) -> String {
        match self {
            Backend::Local(local) => format!("local data in {}", local.dir.display()),
            Backend::Api(api) => {
                let settings = api.client.settings();
                let connector = match &settings.connector {
                    None => "no connector".to_owned(),
                    Some(sift_client::ConnectorRef::Id(id)) => format!("connector {id}"),
                    Some(sift_client::ConnectorRef::Lookup {
                        workspace,
                        definition_id,
                    }) => format!(
                        "connector of definition {definition_id} in workspace `{workspace}`"
                    ),
                };
                format!("the API at {} ({connector})", settings.base_url)
            }
        }
    }

    /// Refuses, before anything is read or sent, a request this backend cannot run: semantic
    /// search on local data.
    pub fn refuses(&self, body: &str) -> Option<BackendError> {
        let Backend::Local(local) = self else {
            return None;
        };
        let request: Value = serde_json::from_str(body).ok()?;
        match Search::from_request(&request, local.target) {
            Err(e @ sift_eval::EvalError::Semantic) => {
                Some(BackendError::Unsupported(format!("{e}: {}", help_of(&e))))
            }
            _ => None,
        }
    }

    /// The exact HTTP requests the API backend would send for `body`, tokens redacted, for
    /// `--dry-run`. Local data sends no request: `None`.
    pub fn dry_run(
        &self,
        body: &str,
    ) -> Option<Result<Vec<sift_client::HttpRequest>, BackendError>> {
        match self {
            Backend::Local(_) => None,
            Backend::Api(api) => Some(
                sift_client::describe_search(api.client.settings(), body)
                    .map_err(BackendError::Api),
            ),
        }
    }

    /// Runs one request (its `params.cursor`, if any, says which page): records go to
    /// `on_records` (local data hands them out in batches as the scan finds them), and the
    /// rest of the page comes back.
    fn run<E>(
        &mut self,
        body: &str,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Fetched, BackendError>, E> {
        let page = match self {
            Backend::Local(local) => match parse(body) {
                Ok(request) => return local.run(&request, on_records),
                Err(error) => Err(error),
            },
            Backend::Api(api) => {
                let ApiSearch { runtime, client } = &**api;
                runtime
                    .block_on(client.search(body))
                    .map(fetched)
                    .map_err(BackendError::Api)
            }
        };
        if let Ok(page) = &page {
            on_records(&page.records)?;
        }
        Ok(page)
    }

    /// Runs `body` and, when `all`, every following page while the backend says there are
    /// more, at most `max_pages`; each page goes to `on_page` as it arrives. The API's walk
    /// also stops with an error when the server repeats a cursor.
    pub fn walk<E>(
        &mut self,
        body: &str,
        all: bool,
        max_pages: u32,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Walked, BackendError>, E> {
        let mut walked = Walked {
            pages: 0,
            records: 0,
            next_cursor: None,
        };
        let counted = std::cell::Cell::new(0u64);
        let mut on_records = |records: &[PageRecord]| {
            counted.set(counted.get() + records.len() as u64);
            on_records(records)
        };
        let note = |walked: &mut Walked, records: u64, page: &Fetched| {
            walked.pages += 1;
            walked.records = records;
            walked.next_cursor = page.has_more.then(|| page.cursor.clone()).flatten();
        };
        if let (Backend::Api(api), true) = (&*self, all) {
            // The client's own walk: it also stops when the server repeats a cursor.
            let ApiSearch { runtime, client } = &**api;
            return runtime.block_on(async {
                let mut pages = match client.pages(body) {
                    Ok(pages) => pages,
                    Err(error) => return Ok(Err(BackendError::Api(error))),
                };
                loop {
                    if walked.pages == max_pages && walked.next_cursor.is_some() {
                        return Ok(Err(BackendError::PageCap { pages: max_pages }));
                    }
                    let page = match pages.next().await {
                        None => return Ok(Ok(walked)),
                        Some(Ok(page)) => fetched(page),
                        Some(Err(sift_client::ClientError::PageCap { pages })) => {
                            let pages = u32::try_from(pages).unwrap_or(u32::MAX);
                            return Ok(Err(BackendError::PageCap { pages }));
                        }
                        Some(Err(error)) => return Ok(Err(BackendError::Api(error))),
                    };
                    on_records(&page.records)?;
                    note(&mut walked, counted.get(), &page);
                }
            });
        }
        let mut text = body.to_owned();
        loop {
            if walked.pages == max_pages && walked.next_cursor.is_some() {
                return Ok(Err(BackendError::PageCap { pages: max_pages }));
            }
            let page = match self.run(&text, &mut on_records)? {
                Ok(page) => page,
                Err(error) => return Ok(Err(error)),
            };
            note(&mut walked, counted.get(), &page);
            match (&walked.next_cursor, all) {
                (Some(cursor), true) => match with_cursor(&text, cursor) {
                    Ok(next) => text = next,
                    Err(error) => return Ok(Err(error)),
                },
                _ => return Ok(Ok(walked)),
            }
        }
    }

    /// Warnings to print once the search is done (skipped lines, values of another type),
    /// about the last page's scan.
    pub fn closing_notes(&self) -> Vec<String> {
        match self {
            Backend::Local(local) => local.closing_notes(),
            Backend::Api(_) => Vec::new(),
        }
    }
}

/// The API backend: a client and the runtime its futures run on.
#[derive(Debug)]
pub struct ApiSearch {
    runtime: tokio::runtime::Runtime,
    client: sift_client::Client,
}

fn fetched(page: sift_client::Page) -> Fetched {
    Fetched {
        records: page.records.into_iter().map(PageRecord::Api).collect(),
        has_more: page.has_more,
        cursor: page.cursor,
    }
}

fn parse(body: &str) -> Result<Value, BackendError> {
    serde_json::from_str(body)
        .map_err(|e| BackendError::Invalid(format!("the request is not JSON: {e}")))
}

/// The request text with `params.cursor` set (the local walk's next page).
fn with_cursor(body: &str, cursor: &str) -> Result<String, BackendError> {
    let mut request = parse(body)?;
    set_cursor(&mut request, cursor);
    Ok(request.to_string())
}

/// Sets `params.cursor` of a request.
pub fn set_cursor(request: &mut Value, cursor: &str) {
    if let Some(object) = request.as_object_mut() {
        let params = object
            .entry("params")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(params) = params.as_object_mut() {
            params.insert("cursor".into(), Value::String(cursor.to_owned()));
        }
    }
}

/// Runs requests with `sift-eval` over `DIR/ENTITY.jsonl` or `DIR/ENTITY.json`.
#[derive(Debug)]
pub struct LocalData {
    dir: PathBuf,
    target: sift::Target,
    catalog: sift::Catalog,
    skip_bad: bool,
    /// The last scan: records read, lines skipped.
    scan: reader::ScanReport,
    mismatches: reader::Mismatches,
    /// The schema of the last entity searched.
    entity: Option<sift::schema::Entity>,
}

impl LocalData {
    /// Scans the entity's file once for the page; without a sort the records kept are final
    /// as they come and go to `on_records` in batches (after the first [`STREAM_AFTER`]).
    fn run<E>(
        &mut self,
        request: &Value,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Fetched, BackendError>, E> {
        let (entity, search) = match Search::from_request(request, self.target) {
            Ok(found) => found,
            // A cursor is an argument, not part of the query: a bad one is a usage error.
            Err(e @ sift_eval::EvalError::BadCursor { .. }) => {
                return Ok(Err(BackendError::Io(format!("{e}: {}", help_of(&e)))));
            }
            // A valid request this backend cannot run: a usage error, before any data is read.
            Err(e @ sift_eval::EvalError::Semantic) => {
                return Ok(Err(BackendError::Unsupported(format!(
                    "{e}: {}",
                    help_of(&e)
                ))));
            }
            Err(e) => return Ok(Err(BackendError::Invalid(format!("{e}: {}", help_of(&e))))),
        };
        let file = match reader::locate(&self.dir, &entity) {
            Ok(file) => file,
            Err(e) => return Ok(Err(BackendError::Io(e))),
        };
        let schema = self.catalog.entity(&entity).cloned();
        let mut collector = search.collector_of::<PageRecord>();
        let mut mismatches = reader::Mismatches::default();
        let mut failed = None;
        let project = |records: Vec<PageRecord>| -> Vec<PageRecord> {
            match &search.projection {
                None => records,
                Some(projection) => records
                    .into_iter()
                    .map(|r| PageRecord::Value(projection.apply(&r.into_value())))
                    .collect(),
            }
        };
        let mut read = 0;
        let report = reader::scan_records(&file, self.skip_bad, &mut |record| {
            let flow = match &record {
                reader::Record::Scanned {
                    node,
                    text,
                    canonical,
                } => {
                    if let Some(schema) = &schema {
                        mismatches.count(schema, *node);
                    }
                    collector.push_view(*node, || match canonical {
                        true => PageRecord::Line((*text).into()),
                        false => PageRecord::Value(sift_eval::JsonRef::to_value(*node)),
                    })
                }
                reader::Record::Parsed(value) => {
                    if let Some(schema) = &schema {
                        mismatches.count(schema, value);
                    }
                    collector.push_view(value, || PageRecord::Value(value.clone()))
                }
            };
            read += 1;
            if read > STREAM_AFTER
                && collector.ready_len() >= BATCH
                && failed.is_none()
                && let Err(error) = on_records(&project(collector.take_ready()))
            {
                failed = Some(error);
                return sift_eval::Flow::Stop;
            }
            flow
        });
        if let Some(error) = failed {
            return Err(error);
        }
        let report = match report {
            Ok(report) => report,
            Err(e) => return Ok(Err(BackendError::Io(e))),
        };
        self.mismatches = mismatches;
        self.scan = report;
        self.entity = schema;
        let kept = collector.finish_kept();
        let records = project(kept.records);
        on_records(&records)?;
        Ok(Ok(Fetched {
            records: Vec::new(),
            has_more: kept.has_more,
            cursor: kept.cursor,
        }))
    }

    fn closing_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        let scan = &self.scan;
        if scan.skipped > 0 {
            notes.push(format!(
                "skipped {} malformed record{} (the first at {})",
                scan.skipped,
                if scan.skipped == 1 { "" } else { "s" },
                scan.first_skipped.as_deref().unwrap_or("?")
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
                scan.read,
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
