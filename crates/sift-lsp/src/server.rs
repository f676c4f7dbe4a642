//! The core: [`handle`] takes the server's [`State`] and one message from the client and
//! returns the messages to send back (responses, published diagnostics, registrations). No IO
//! but reading project files through [`Files`]: the stdio loop and the tests drive it alike.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileSystemWatcher, GlobPattern,
    InitializeParams, LogMessageParams, MessageType, PositionEncodingKind,
    PublishDiagnosticsParams, Registration, RegistrationParams, ShowMessageParams, Uri,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::document::Document;
use crate::position::Encoding;
use crate::project::{DiskFiles, Files, Project};
use crate::{capabilities, features};

/// Everything the server knows between messages.
pub struct State {
    pub(crate) phase: Phase,
    pub(crate) encoding: Encoding,
    pub(crate) documents: HashMap<String, Document>,
    /// Projects by the path of their `sift.toml`; the key `None` is the built-in defaults.
    pub(crate) projects: HashMap<Option<PathBuf>, Arc<Project>>,
    pub(crate) files: Box<dyn Files>,
    /// Whether the client watches `sift.toml` for the server (else `didSave` reloads).
    watch_registered: bool,
    can_register_watchers: bool,
    next_request: i32,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("phase", &self.phase)
            .field("encoding", &self.encoding)
            .field("documents", &self.documents.len())
            .finish_non_exhaustive()
    }
}

/// Where the session is in the protocol's life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Uninitialized,
    Running,
    ShutDown,
    /// `exit` arrived: the loop ends with this exit code (0 after `shutdown`, else 1).
    Exited(i32),
}

impl Default for State {
    fn default() -> Self {
        State::new(Box::new(DiskFiles))
    }
}

impl State {
    /// A server that reads project files through `files`.
    pub fn new(files: Box<dyn Files>) -> State {
        State {
            phase: Phase::Uninitialized,
            encoding: Encoding::default(),
            documents: HashMap::new(),
            projects: HashMap::new(),
            files,
            watch_registered: false,
            can_register_watchers: false,
            next_request: 0,
        }
    }

    /// The exit code, once `exit` has arrived.
    pub fn exit_code(&self) -> Option<i32> {
        match self.phase {
            Phase::Exited(code) => Some(code),
            _ => None,
        }
    }

    /// The position encoding negotiated at `initialize`.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The project (settings and catalog) a document is checked with.
    pub(crate) fn project_of(&mut self, document_path: Option<&Path>) -> Arc<Project> {
        let file = document_path
            .and_then(Path::parent)
            .and_then(|dir| crate::project::find(dir, self.files.as_ref()));
        if let Some(project) = self.projects.get(&file) {
            return project.clone();
        }
        let project = Arc::new(match &file {
            Some(path) => Project::load(path, self.files.as_ref()),
            None => Project::builtin(),
        });
        self.projects.insert(file, project.clone());
        project
    }
}

/// Handles one message from the client; returns what to send back, in order. A panic while
/// handling a request becomes an error response (a notification's, a log message): the
/// session goes on.
pub fn handle(state: &mut State, message: Message) -> Vec<Message> {
    let mut out = Vec::new();
    match message {
        Message::Request(request) => {
            let id = request.id.clone();
            let method = request.method.clone();
            let response = guarded(|| on_request(state, request)).unwrap_or_else(|| {
                Response::new_err(
                    id,
                    ErrorCode::InternalError as i32,
                    format!("sift lsp: an internal error while handling `{method}`"),
                )
            });
            out.push(Message::Response(response));
        }
        Message::Notification(notification) => {
            let method = notification.method.clone();
            if guarded(|| on_notification(state, notification, &mut out)).is_none() {
                out.push(log(
                    MessageType::ERROR,
                    format!("sift lsp: an internal error while handling `{method}`"),
                ));
            }
        }
        // Answers to the server's own requests (registrations): nothing to do.
        Message::Response(_) => {}
    }
    out
}

/// Runs `f`, turning a panic into `None`.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    catch_unwind(AssertUnwindSafe(f)).ok()
}

fn on_request(state: &mut State, request: Request) -> Response {
    let id = request.id.clone();
    match (state.phase, request.method.as_str()) {
        (Phase::Uninitialized, req::Initialize::METHOD) => initialize(state, request),
        (Phase::Uninitialized, _) => error(
            id,
            ErrorCode::ServerNotInitialized,
            "the server is not initialized",
        ),
        (_, req::Initialize::METHOD) => error(
            id,
            ErrorCode::InvalidRequest,
            "the server is already initialized",
        ),
        (_, req::Shutdown::METHOD) => {
            state.phase = Phase::ShutDown;
            Response::new_ok(id, Value::Null)
        }
        (Phase::ShutDown | Phase::Exited(_), _) => {
            error(id, ErrorCode::InvalidRequest, "the server is shutting down")
        }
        (Phase::Running, method) => match features::request(state, method, request.params) {
            Some(Ok(result)) => Response::new_ok(id, result),
            Some(Err(message)) => error(id, ErrorCode::InvalidParams, &message),
            None => error(
                id,
                ErrorCode::MethodNotFound,
                &format!("unknown method `{method}`"),
            ),
        },
    }
}

fn initialize(state: &mut State, request: Request) -> Response {
    let params: InitializeParams = match parse(request.params) {
        Ok(params) => params,
        Err(message) => return error(request.id, ErrorCode::InvalidParams, &message),
    };
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_deref())
        .unwrap_or_default();
    state.encoding = if offered.contains(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    state.can_register_watchers = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    state.phase = Phase::Running;
    Response::new_ok(request.id, capabilities::initialize_result(state.encoding))
}

fn on_notification(state: &mut State, notification: Notification, out: &mut Vec<Message>) {
    let params = notification.params;
    match (state.phase, notification.method.as_str()) {
        (_, note::Exit::METHOD) => {
            let code = if state.phase == Phase::ShutDown { 0 } else { 1 };
            state.phase = Phase::Exited(code);
        }
        (Phase::Running, note::Initialized::METHOD)
            if state.can_register_watchers && !state.watch_registered =>
        {
            state.watch_registered = true;
            out.push(register_watchers(state));
        }
        (Phase::Running, note::DidOpenTextDocument::METHOD) => {
            if let Some(p) = parsed::<DidOpenTextDocumentParams>(params, out) {
                let d = p.text_document;
                let key = d.uri.as_str().to_owned();
                state
                    .documents
                    .insert(key.clone(), Document::new(d.uri, d.text, d.version));
                publish(state, &key, out);
            }
        }
        (Phase::Running, note::DidChangeTextDocument::METHOD) => {
            if let Some(p) = parsed::<DidChangeTextDocumentParams>(params, out) {
                let key = p.text_document.uri.as_str().to_owned();
                let encoding = state.encoding;
                if let Some(document) = state.documents.get_mut(&key) {
                    document.version = p.text_document.version;
                    document.apply(p.content_changes, encoding);
                    publish(state, &key, out);
                }
            }
        }
        (Phase::Running, note::DidCloseTextDocument::METHOD) => {
            if let Some(p) = parsed::<DidCloseTextDocumentParams>(params, out)
                && let Some(document) = state.documents.remove(p.text_document.uri.as_str())
            {
                out.push(diagnostics_message(document.uri, Vec::new(), None));
            }
        }
        (Phase::Running, note::DidSaveTextDocument::METHOD) => {
            if let Some(p) = parsed::<DidSaveTextDocumentParams>(params, out)
                && !state.watch_registered
            {
                let saved = crate::document::file_path(&p.text_document.uri);
                if saved.is_some_and(|p| p.file_name().is_some_and(|f| f == sift_config::FILE_NAME))
                {
                    reload(state, out);
                }
            }
        }
        (Phase::Running, note::DidChangeWatchedFiles::METHOD) => {
            let changed = parsed::<DidChangeWatchedFilesParams>(params, out);
            if changed.is_some() {
                reload(state, out);
            }
        }
        // Other notifications (`$/cancelRequest`, `$/setTrace`, …) need no answer.
        _ => {}
    }
}

/// Forgets every project read and checks every open document again.
fn reload(state: &mut State, out: &mut Vec<Message>) {
    state.projects.clear();
    let keys: Vec<String> = state.documents.keys().cloned().collect();
    for key in keys {
        publish(state, &key, out);
    }
}

/// Checks a document and publishes its diagnostics (and, once per project, what went wrong
/// reading the project's files).
pub(crate) fn publish(state: &mut State, key: &str, out: &mut Vec<Message>) {
    let Some(path) = state.documents.get(key).map(|d| d.path.clone()) else {
        return;
    };
    let known = state.projects.len();
    let project = state.project_of(path.as_deref());
    if state.projects.len() > known {
        for problem in &project.problems {
            out.push(Message::Notification(Notification::new(
                note::ShowMessage::METHOD.to_owned(),
                ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: format!("sift: {problem}"),
                },
            )));
        }
    }
    let encoding = state.encoding;
    let Some(document) = state.documents.get_mut(key) else {
        return;
    };
    document.project = project.file.clone();
    let diagnostics = features::diagnostics::check(document, &project, encoding);
    out.push(diagnostics_message(
        document.uri.clone(),
        diagnostics,
        Some(document.version),
    ));
}

fn diagnostics_message(
    uri: Uri,
    diagnostics: Vec<lsp_types::Diagnostic>,
    version: Option<i32>,
) -> Message {
    Message::Notification(Notification::new(
        note::PublishDiagnostics::METHOD.to_owned(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    ))
}

fn register_watchers(state: &mut State) -> Message {
    state.next_request += 1;
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String(format!("**/{}", sift_config::FILE_NAME)),
            kind: None,
        }],
    };
    Message::Request(Request::new(
        RequestId::from(format!("sift-watch-{}", state.next_request)),
        req::RegisterCapability::METHOD.to_owned(),
        RegistrationParams {
            registrations: vec![Registration {
                id: "sift-toml".to_owned(),
                method: note::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        },
    ))
}

/// The parameters of a message, or a message to the client's log saying why not.
fn parsed<P: DeserializeOwned>(params: Value, out: &mut Vec<Message>) -> Option<P> {
    match parse(params) {
        Ok(p) => Some(p),
        Err(message) => {
            out.push(log(MessageType::ERROR, message));
            None
        }
    }
}

pub(crate) fn parse<P: DeserializeOwned>(params: Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| format!("invalid parameters: {e}"))
}

fn log(typ: MessageType, message: String) -> Message {
    Message::Notification(Notification::new(
        note::LogMessage::METHOD.to_owned(),
        LogMessageParams { typ, message },
    ))
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_owned())
}
