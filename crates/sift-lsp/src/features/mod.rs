//! The requests a running server answers, one module per feature; each reads the document
//! and its project from the [`State`] and answers in the negotiated position encoding.

pub mod actions;
pub mod diagnostics;
pub mod hover;
pub mod language;
pub mod semantic_tokens;

use lsp_types::request::{self as req, Request as _};
use lsp_types::{Position, TextDocumentIdentifier};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::document::Document;
use crate::project::Project;
use crate::server::{State, parse};

/// The answer to a request: its result, `Err` for parameters that do not fit the method, or
/// `None` for a method the server does not know.
pub fn request(state: &mut State, method: &str, params: Value) -> Option<Result<Value, String>> {
    Some(match method {
        req::Completion::METHOD => answer(state, params, language::completion),
        req::HoverRequest::METHOD => answer(state, params, hover::hover),
        req::Formatting::METHOD => answer(state, params, language::formatting),
        req::CodeActionRequest::METHOD => answer(state, params, actions::code_actions),
        req::SemanticTokensFullRequest::METHOD => answer(state, params, semantic_tokens::full),
        req::DocumentSymbolRequest::METHOD => answer(state, params, language::symbols),
        req::SignatureHelpRequest::METHOD => answer(state, params, language::signature_help),
        _ => return None,
    })
}

/// What a feature sees: the document, the project it is checked with, the encoding.
pub struct Context<'s> {
    pub document: &'s Document,
    pub project: &'s Project,
    pub encoding: crate::position::Encoding,
}

impl Context<'_> {
    pub fn offset(&self, position: Position) -> usize {
        let d = self.document;
        d.lines.offset(&d.text, position, self.encoding)
    }

    pub fn range(&self, lo: usize, hi: usize) -> lsp_types::Range {
        let d = self.document;
        d.lines.range(&d.text, lo, hi, self.encoding)
    }

    /// The range of the whole text.
    pub fn whole(&self) -> lsp_types::Range {
        self.range(0, self.document.text.len())
    }
}

/// Parameters that name a document.
pub trait OnDocument: DeserializeOwned {
    fn document(&self) -> &TextDocumentIdentifier;
}

macro_rules! on_document {
    ($($params:ty => |$p:ident| $doc:expr;)*) => {
        $(impl OnDocument for $params {
            fn document(&self) -> &TextDocumentIdentifier {
                let $p = self;
                $doc
            }
        })*
    };
}

on_document! {
    lsp_types::CompletionParams => |p| &p.text_document_position.text_document;
    lsp_types::HoverParams => |p| &p.text_document_position_params.text_document;
    lsp_types::DocumentFormattingParams => |p| &p.text_document;
    lsp_types::CodeActionParams => |p| &p.text_document;
    lsp_types::SemanticTokensParams => |p| &p.text_document;
    lsp_types::DocumentSymbolParams => |p| &p.text_document;
    lsp_types::SignatureHelpParams => |p| &p.text_document_position_params.text_document;
}

/// Reads the parameters, finds the document (a document that is not open has no answer:
/// `null`), runs the feature and serializes its answer.
fn answer<P: OnDocument, R: Serialize>(
    state: &mut State,
    params: Value,
    feature: impl FnOnce(&Context<'_>, P) -> Option<R>,
) -> Result<Value, String> {
    let params: P = parse(params)?;
    let key = params.document().uri.as_str().to_owned();
    let Some(path) = state.documents.get(&key).map(|d| d.path.clone()) else {
        return Ok(Value::Null);
    };
    let project = state.project_of(path.as_deref());
    let Some(document) = state.documents.get(&key) else {
        return Ok(Value::Null);
    };
    let context = Context {
        document,
        project: &project,
        encoding: state.encoding,
    };
    let result = feature(&context, params);
    serde_json::to_value(result).map_err(|e| e.to_string())
}
