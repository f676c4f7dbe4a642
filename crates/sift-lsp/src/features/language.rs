//! Completion (from `sift-complete`), formatting (`sift fmt`), document symbols (one per
//! query) and the signature of `similar to`.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    DocumentFormattingParams, DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse,
    Documentation, ParameterInformation, ParameterLabel, SignatureHelp, SignatureHelpParams,
    SignatureInformation, SymbolKind, TextEdit,
};
use sift_complete::CandidateKind;
use sift_syntax::ast::SEMANTIC_OPTIONS;
use sift_syntax::{TokenKind, tokens};

use super::Context;

pub fn completion(cx: &Context<'_>, params: CompletionParams) -> Option<CompletionResponse> {
    let offset = cx.offset(params.text_document_position.position);
    let (start, query) = cx.document.query_at(offset);
    let options = &cx.project.options;
    let found = sift_complete::complete(
        query,
        offset - start,
        &cx.project.catalog,
        options.entity.as_deref(),
        options.target,
    );
    let replace = cx.range(start + found.replace.lo(), start + found.replace.hi());
    let items = found
        .candidates
        .into_iter()
        .enumerate()
        .map(|(rank, candidate)| CompletionItem {
            kind: Some(match candidate.kind {
                CandidateKind::Entity => CompletionItemKind::CLASS,
                CandidateKind::Field => CompletionItemKind::FIELD,
                CandidateKind::Operator => CompletionItemKind::OPERATOR,
                CandidateKind::Keyword => CompletionItemKind::KEYWORD,
                CandidateKind::Value => CompletionItemKind::VALUE,
            }),
            detail: candidate.detail,
            documentation: candidate.description.map(Documentation::String),
            // sift-complete's order is the grammar's (clauses in order, fields in schema
            // order); the client keeps it.
            sort_text: Some(format!("{rank:05}")),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                replace,
                candidate.text.clone(),
            ))),
            label: candidate.text,
            ..CompletionItem::default()
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

/// The whole text formatted, as one edit; no edit when it is already canonical, and none
/// when it has syntax errors (formatting never rewrites a broken text).
pub fn formatting(cx: &Context<'_>, _params: DocumentFormattingParams) -> Option<Vec<TextEdit>> {
    let text = &cx.document.text;
    let formatted = sift::format(text, &cx.project.options).ok()?;
    Some(if &formatted == text {
        Vec::new()
    } else {
        vec![TextEdit::new(cx.whole(), formatted)]
    })
}

/// One symbol per query, named by its first line (`from users where …`).
pub fn symbols(cx: &Context<'_>, _params: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let text = &cx.document.text;
    let parsed = sift_syntax::parse(text, &cx.project.options.limits);
    let symbols = parsed
        .document
        .queries
        .iter()
        .map(|query| {
            let (lo, hi) = (query.span.lo(), query.span.hi());
            let source = text.get(lo..hi).unwrap_or("");
            let name = source.lines().next().unwrap_or("").trim();
            let selection = query
                .from
                .as_ref()
                .map_or((lo, hi), |from| (from.span.lo(), from.span.hi()));
            #[allow(deprecated)]
            DocumentSymbol {
                name: if name.is_empty() {
                    "query".to_owned()
                } else {
                    shorten(name)
                },
                detail: query.from.as_ref().map(|from| from.text.to_string()),
                kind: SymbolKind::OBJECT,
                tags: None,
                deprecated: None,
                range: cx.range(lo, hi),
                selection_range: cx.range(selection.0, selection.1),
                children: None,
            }
        })
        .collect();
    Some(DocumentSymbolResponse::Nested(symbols))
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// The form of `similar to`, its parameters the prompt and the options in the order the
/// grammar takes them (`sift_syntax::ast::SEMANTIC_OPTIONS`).
fn similar_to_signature() -> (String, Vec<[u32; 2]>) {
    let mut label = String::from("similar to ");
    let mut parameters = Vec::new();
    let mut push = |label: &mut String, part: &str| {
        let lo = label.encode_utf16().count();
        label.push_str(part);
        let hi = label.encode_utf16().count();
        parameters.push([to_u32(lo), to_u32(hi)]);
    };
    push(&mut label, "PROMPT");
    for option in SEMANTIC_OPTIONS {
        label.push(' ');
        let value = match option {
            "in" => "FIELD",
            "min" => "SIMILARITY",
            "dedup" => "max|none",
            _ => "N",
        };
        push(&mut label, &format!("[{option} {value}]"));
    }
    (label, parameters)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Inside `similar to …` (before `where` or another clause): the signature, the part being
/// written highlighted.
pub fn signature_help(cx: &Context<'_>, params: SignatureHelpParams) -> Option<SignatureHelp> {
    let offset = cx.offset(params.text_document_position_params.position);
    let (start, query) = cx.document.query_at(offset);
    let before = query.get(..offset - start)?;
    let words: Vec<&str> = tokens(before)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Comment)
        .map(|t| &before[t.span.lo()..t.span.hi()])
        .collect();
    let similar = words
        .windows(2)
        .rposition(|w| w[0].eq_ignore_ascii_case("similar") && w[1].eq_ignore_ascii_case("to"))?;
    let after = &words[similar + 2..];
    let ended = after.iter().any(|w| {
        sift_syntax::CLAUSE_KEYWORDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(w) && !k.eq_ignore_ascii_case("similar"))
    });
    if ended {
        return None;
    }
    let active = after
        .iter()
        .rev()
        .find_map(|w| {
            SEMANTIC_OPTIONS
                .iter()
                .position(|o| o.eq_ignore_ascii_case(w))
        })
        .map_or(0, |at| at + 1);
    let (label, parameters) = similar_to_signature();
    Some(SignatureHelp {
        signatures: vec![SignatureInformation {
            label,
            documentation: Some(Documentation::String(
                "Ranks the records by the similarity of one configured field to the prompt."
                    .to_owned(),
            )),
            parameters: Some(
                parameters
                    .into_iter()
                    .map(|offsets| ParameterInformation {
                        label: ParameterLabel::LabelOffsets(offsets),
                        documentation: None,
                    })
                    .collect(),
            ),
            active_parameter: None,
        }],
        active_signature: Some(0),
        active_parameter: Some(to_u32(active)),
    })
}
