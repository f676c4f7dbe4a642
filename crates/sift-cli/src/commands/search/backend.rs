//! Where a search runs, for `sift search` and the REPL alike: [`Backend::Local`] evaluates
//! the request with `sift-eval` over a data directory, [`Backend::Api`] sends its text byte
//! for byte to the hosted API with `sift-client`. Both take one [`Request`] (read once) and
//! answer one [`Fetched`] page per call; [`Backend::walk`] follows cursors for `--all` and the
//! REPL's pages. The tokio runtime lives here, inside the API backend, and nowhere else in the
//! binary.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sift_eval::{EvalError, Request};

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
    pub fn to_value(&self) -> Value {
        match self {
            PageRecord::Value(value) => value.clone(),
            // The line was read as this record already; reading it again cannot fail.
            PageRecord::Line(line) => {
                #[cfg(test)]
                tests::LINES_REREAD.with(|n| n.set(n.get() + 1));
                serde_json::from_str(line).unwrap_or(Value::Null)
            }
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
    /// Local data could not be read, or the HTTP runtime not started (exit 2).
    Io(String),
    /// The evaluator refused the request: a bad cursor or semantic search is a usage error
    /// (exit 2), anything else an invalid request (exit 1).
    Eval(EvalError),
    /// The API client failed (exit 2); rendered with its code and help.
    Api(sift_client::ClientError),
}

impl BackendError {
    /// Whether the request itself is at fault (exit 1) rather than its use (exit 2): a
    /// request the evaluator cannot read. A bad cursor is an argument, not part of the query,
    /// and semantic search a valid request this backend does not run: both are usage errors.
    pub fn is_invalid_request(&self) -> bool {
        matches!(
            self,
            BackendError::Eval(e) if !matches!(e, EvalError::BadCursor { .. } | EvalError::Semantic)
        )
    }
}

/// A diagnostic's help, or nothing.
pub fn help_of(error: &dyn miette::Diagnostic) -> String {
    error.help().map(|h| h.to_string()).unwrap_or_default()
}

/// How many records and pages a walk fetches. Without `all`, one page: the request as it is.
/// With `all`, pages follow one another until the records run out, `total` records were
/// fetched (the query's `limit`: the most records in all), or `max_pages` pages were; each
/// page asks for `page_size` records (`--page-size`, else the query's `limit`, else the
/// server's default), and the last one for only what is left of `total`, so that the cursor
/// it hands out resumes exactly after the last record printed.
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    pub all: bool,
    pub total: Option<u64>,
    pub page_size: Option<u64>,
    pub max_pages: u32,
}

/// Why a walk stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// No more records match.
    Done,
    /// One page was asked for (no `--all`) and more records match.
    OnePage,
    /// `--all` fetched the query's `limit` of records and more match.
    Total(u64),
    /// `--all` reached `--max-pages` while more records match.
    PageCap(u32),
}

/// How a walk over pages ended (the pages themselves went to the caller one by one).
#[derive(Debug)]
pub struct Walked {
    pub pages: u32,
    pub records: u64,
    /// The cursor of the next page when the walk stopped with more to come.
    pub next_cursor: Option<String>,
    pub stop: Stop,
}

impl Walked {
    fn new() -> Walked {
        Walked {
            pages: 0,
            records: 0,
            next_cursor: None,
            stop: Stop::Done,
        }
    }

    /// Notes a page: `records` fetched in all so far.
    fn note(&mut self, records: u64, page: &Fetched) {
        self.pages += 1;
        self.records = records;
        self.next_cursor = page.has_more.then(|| page.cursor.clone()).flatten();
    }

    /// Whether another page may follow, and with which `limit` (`None`: the request's own);
    /// `None` when the walk stops here, with [`Walked::stop`] saying why.
    fn next_limit(&mut self, paging: &Paging) -> Option<Option<u64>> {
        if self.next_cursor.is_none() {
            self.stop = Stop::Done;
            return None;
        }
        if !paging.all {
            self.stop = Stop::OnePage;
            return None;
        }
        let left = paging.total.map(|total| total.saturating_sub(self.records));
        if let (Some(0), Some(total)) = (left, paging.total) {
            self.stop = Stop::Total(total);
            return None;
        }
        if self.pages >= paging.max_pages {
            self.stop = Stop::PageCap(paging.max_pages);
            return None;
        }
        Some(page_limit(paging, left))
    }
}

/// The `limit` a page asks for: the page size, or what is left of the total when that is less.
fn page_limit(paging: &Paging, left: Option<u64>) -> Option<u64> {
    match (paging.page_size, left) {
        (Some(size), Some(left)) => Some(size.min(left)),
        (size, None) => size,
        (None, Some(left)) => Some(left),
    }
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

    /// The directory a local backend reads; `None` for the API.
    pub fn data_dir(&self) -> Option<&Path> {
        match self {
            Backend::Local(local) => Some(&local.dir),
            Backend::Api(_) => None,
        }
    }

    /// The target a local backend reads requests for (the REPL's `:target` changes it); the
    /// API reads the request's action itself.
    pub fn set_target(&mut self, target: sift::Target) {
        if let Backend::Local(local) = self {
            local.target = target;
        }
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
            Backend::Api(api) => describe_api(api.client.settings()),
        }
    }

    /// Refuses, before anything is read or sent, a request this backend cannot run: semantic
    /// search on local data.
    pub fn refuses(&self, request: &Request) -> Option<BackendError> {
        let Backend::Local(local) = self else {
            return None;
        };
        match request.search(local.target) {
            Err(e @ EvalError::Semantic) => Some(BackendError::Eval(e)),
            _ => None,
        }
    }

    /// Runs one request (its `params.cursor`, if any, says which page): records go to
    /// `on_records` (local data hands them out in batches as the scan finds them), and the
    /// rest of the page comes back. The REPL fetches its pages with this.
    pub fn run<E>(
        &mut self,
        request: &Request,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Fetched, BackendError>, E> {
        let page = match self {
            Backend::Local(local) => return local.run(request, on_records),
            Backend::Api(api) => {
                let ApiSearch { runtime, client } = &**api;
                runtime
                    .block_on(client.search(request.text()))
                    .map(fetched)
                    .map_err(BackendError::Api)
            }
        };
        if let Ok(page) = &page {
            on_records(&page.records)?;
        }
        Ok(page)
    }

    /// Runs `request` and, as `paging` says, the pages that follow; each page's records go to
    /// `on_records` as they arrive. The API's walk also stops with an error when the server
    /// repeats a cursor.
    pub fn walk<E>(
        &mut self,
        request: &Request,
        paging: &Paging,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Walked, BackendError>, E> {
        let mut walked = Walked::new();
        let counted = std::cell::Cell::new(0u64);
        let mut on_records = |records: &[PageRecord]| {
            counted.set(counted.get() + records.len() as u64);
            on_records(records)
        };
        // The first page asks for the page size (at most the total) when `--page-size` sets
        // one; otherwise the request goes as compiled.
        let first_limit = match paging.page_size {
            Some(_) if paging.all => page_limit(paging, paging.total),
            _ => None,
        };
        let mut page_request = match first_limit {
            Some(limit) => request.with_page(None, Some(limit)),
            None => request.clone(),
        };
        if let Backend::Api(api) = &*self
            && paging.all
        {
            return api.walk(&page_request, paging, walked, &counted, &mut on_records);
        }
        loop {
            let page = match self.run(&page_request, &mut on_records)? {
                Ok(page) => page,
                Err(error) => return Ok(Err(error)),
            };
            walked.note(counted.get(), &page);
            let Some(limit) = walked.next_limit(paging) else {
                return Ok(Ok(walked));
            };
            page_request = page_request.with_page(walked.next_cursor.as_deref(), limit);
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

/// The API these settings search, for the line on stderr and `-v`: `the API at
/// https://api.airbyte.ai/ (connector 1234)`.
pub fn describe_api(settings: &sift_client::Settings) -> String {
    let connector = match &settings.connector {
        None => "no connector".to_owned(),
        Some(sift_client::ConnectorRef::Id(id)) => format!("connector {id}"),
        Some(sift_client::ConnectorRef::Lookup {
            workspace,
            definition_id,
        }) => format!("connector of definition {definition_id} in workspace `{workspace}`"),
    };
    format!("the API at {} ({connector})", settings.base_url)
}

/// The HTTP requests a search would send, as `--dry-run` and the REPL's `:request` show them,
/// and notes on what the settings lack.
#[derive(Debug)]
pub struct Planned {
    pub requests: Vec<sift_client::HttpRequest>,
    pub notes: Vec<String>,
}

/// Stands for a connector id no setting gives, until it is replaced in the URL.
const NO_CONNECTOR: &str = "sift-no-connector-id";

/// The requests a search with `body` would send with `settings`; nothing is sent, and no
/// credentials or connector are needed. No secret is shown: the token is a placeholder saying
/// where it would come from (`Bearer <AIRBYTE_TOKEN>`, `Bearer <token from
/// AIRBYTE_CLIENT_ID/SECRET>`, or `Bearer <none: set AIRBYTE_TOKEN, …>` when there is none),
/// the token exchange's body names its variables, and a missing connector id reads
/// `<AIRBYTE_CONNECTOR_ID>` in the URL.
pub fn planned_requests(
    settings: &sift_client::Settings,
    body: &str,
) -> Result<Planned, sift_client::ClientError> {
    use sift_client::{ConnectorRef, CredentialSource, Credentials, env};
    let mut notes = Vec::new();
    let source = settings.credentials.source();
    let mut shown = settings.clone();
    if matches!(shown.credentials, Credentials::None) {
        // Only to describe the requests: the header is replaced below, and nothing is sent.
        shown.credentials = Credentials::Token(sift_client::SecretString::from(String::new()));
    }
    if shown.connector.is_none() {
        shown.connector = Some(ConnectorRef::Id(NO_CONNECTOR.to_owned()));
        notes.push(format!(
            "no connector: the URL shows <{}>; set it, or give --connector-id or --definition-id",
            env::CONNECTOR_ID
        ));
    }
    let token = match source {
        CredentialSource::Token => format!("<{}>", env::TOKEN),
        CredentialSource::ClientCredentials => {
            format!("<token from {}/SECRET>", env::CLIENT_ID)
        }
        CredentialSource::None => format!(
            "<none: set {}, or {} and {}>",
            env::TOKEN,
            env::CLIENT_ID,
            env::CLIENT_SECRET
        ),
    };
    let redacted_bearer = format!("Bearer {}", sift_client::REDACTED);
    let redacted_exchange = format!(
        r#"{{"client_id":"{0}","client_secret":"{0}"}}"#,
        sift_client::REDACTED
    );
    let mut requests = sift_client::describe_search(&shown, body)?;
    for request in &mut requests {
        request.url = request
            .url
            .replace(NO_CONNECTOR, &format!("<{}>", env::CONNECTOR_ID));
        for (_, value) in &mut request.headers {
            if *value == redacted_bearer {
                *value = format!("Bearer {token}");
            }
        }
        if request.body.as_deref() == Some(redacted_exchange.as_str()) {
            request.body = Some(format!(
                r#"{{"client_id":"<{}>","client_secret":"<{}>"}}"#,
                env::CLIENT_ID,
                env::CLIENT_SECRET
            ));
        }
    }
    Ok(Planned { requests, notes })
}

/// The API backend: a client and the runtime its futures run on.
#[derive(Debug)]
pub struct ApiSearch {
    runtime: tokio::runtime::Runtime,
    client: sift_client::Client,
}

impl ApiSearch {
    /// `--all` on the API: the client's own walk (which also stops when the server repeats a
    /// cursor) while each page asks for the same `limit`; a last page that asks for less (the
    /// rest of the total) is one more search from the walk's cursor.
    fn walk<E>(
        &self,
        request: &Request,
        paging: &Paging,
        mut walked: Walked,
        counted: &std::cell::Cell<u64>,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Walked, BackendError>, E> {
        let ApiSearch { runtime, client } = self;
        let same_limit = request.limit();
        runtime.block_on(async {
            let mut pages = match client.pages(request.text()) {
                Ok(pages) => pages,
                Err(error) => return Ok(Err(BackendError::Api(error))),
            };
            loop {
                let page = match pages.next().await {
                    None => return Ok(Ok(walked)),
                    Some(Ok(page)) => fetched(page),
                    Some(Err(error)) => return Ok(Err(BackendError::Api(error))),
                };
                on_records(&page.records)?;
                walked.note(counted.get(), &page);
                let Some(limit) = walked.next_limit(paging) else {
                    return Ok(Ok(walked));
                };
                if limit == same_limit {
                    continue;
                }
                let last = request.with_page(walked.next_cursor.as_deref(), limit);
                let page = match client.search(last.text()).await {
                    Ok(page) => fetched(page),
                    Err(error) => return Ok(Err(BackendError::Api(error))),
                };
                on_records(&page.records)?;
                walked.note(counted.get(), &page);
                // The rest of the total was asked for: the walk ends here.
                if walked.next_limit(paging).is_some() {
                    walked.stop = Stop::Total(paging.total.unwrap_or(walked.records));
                }
                return Ok(Ok(walked));
            }
        })
    }
}

fn fetched(page: sift_client::Page) -> Fetched {
    Fetched {
        records: page.records.into_iter().map(PageRecord::Api).collect(),
        has_more: page.has_more,
        cursor: page.cursor,
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
        request: &Request,
        on_records: &mut dyn FnMut(&[PageRecord]) -> Result<(), E>,
    ) -> Result<Result<Fetched, BackendError>, E> {
        // Refused before any data is read.
        let search = match request.search(self.target) {
            Ok(search) => search,
            Err(e) => return Ok(Err(BackendError::Eval(e))),
        };
        let entity = request.entity();
        let file = match reader::locate(&self.dir, entity) {
            Ok(file) => file,
            Err(e) => return Ok(Err(BackendError::Io(e))),
        };
        let schema = self.catalog.entity(entity).cloned();
        let mut collector = search.collector_of::<PageRecord>();
        let mut mismatches = reader::Mismatches::default();
        let mut failed = None;
        // A kept record is projected from what the scan read (the tape's view or the parsed
        // value), so that `fields` never reads a record's text a second time.
        let projection = search.projection.as_ref();
        let kept_value = |value: Value| match projection {
            Some(projection) => PageRecord::Value(projection.apply(&value)),
            None => PageRecord::Value(value),
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
                    collector.push_view(*node, || match *canonical && projection.is_none() {
                        true => PageRecord::Line((*text).into()),
                        false => kept_value(sift_eval::JsonRef::to_value(*node)),
                    })
                }
                reader::Record::Parsed(value) => {
                    if let Some(schema) = &schema {
                        mismatches.count(schema, value);
                    }
                    collector.push_view(value, || kept_value(value.clone()))
                }
            };
            read += 1;
            if read > STREAM_AFTER
                && collector.ready_len() >= BATCH
                && failed.is_none()
                && let Err(error) = on_records(&collector.take_ready())
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
        on_records(&kept.records)?;
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

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::convert::Infallible;

    use super::*;

    thread_local! {
        /// Record lines this thread read a second time, into a `Value`.
        pub(super) static LINES_REREAD: Cell<u64> = const { Cell::new(0) };
    }

    /// The records of one page of `params` on the example data, as values, and how many
    /// record lines were read again to make them.
    fn page_values(params: &str) -> (Vec<Value>, u64) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harvest");
        let target = sift::Target::default();
        let mut backend = Backend::local(dir, target, sift::schema::harvest().clone(), false);
        let text = format!(
            r#"{{"entity":"clients","action":"{}","params":{params}}}"#,
            target.action()
        );
        let request = Request::parse(&text).expect("a request");
        let before = LINES_REREAD.with(Cell::get);
        let mut values = Vec::new();
        let paging = Paging {
            all: false,
            total: None,
            page_size: None,
            max_pages: 1,
        };
        let walked = backend.walk(&request, &paging, &mut |records: &[PageRecord]| {
            values.extend(records.iter().map(PageRecord::to_value));
            Ok::<(), Infallible>(())
        });
        assert!(matches!(walked, Ok(Ok(_))), "{walked:?}");
        (values, LINES_REREAD.with(Cell::get) - before)
    }

    #[test]
    fn fields_are_taken_from_the_scan_without_reading_a_line_again() {
        let (values, rereads) = page_values(r#"{"fields":["name"],"limit":3}"#);
        assert_eq!(values.len(), 3);
        assert!(
            values
                .iter()
                .all(|v| v.as_object().is_some_and(|o| o.keys().eq(["name"]))),
            "{values:?}"
        );
        assert_eq!(rereads, 0);
        // Without `fields` a kept line stays text, read only by a caller that needs its value.
        let (values, rereads) = page_values(r#"{"limit":3}"#);
        assert_eq!((values.len(), rereads), (3, 3));
    }
}
