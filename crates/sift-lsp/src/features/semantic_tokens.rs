//! `textDocument/semanticTokens/full`: every token the lexer reads (`sift_syntax::tokens`),
//! classed by completion's walk (`sift_complete::highlight`), which tells fields and entities
//! from other names.

use lsp_types::{SemanticToken, SemanticTokenType, SemanticTokens, SemanticTokensParams};
use sift_complete::Class;

use super::Context;

/// The legend: each class's token type, in the order of its index.
pub static LEGEND: std::sync::LazyLock<[(SemanticTokenType, &[Class]); 7]> =
    std::sync::LazyLock::new(|| {
        [
            (SemanticTokenType::KEYWORD, &[Class::Keyword]),
            (SemanticTokenType::OPERATOR, &[Class::Operator]),
            (
                SemanticTokenType::PROPERTY,
                &[Class::Field, Class::UnknownField],
            ),
            (
                SemanticTokenType::CLASS,
                &[Class::Entity, Class::UnknownEntity],
            ),
            (SemanticTokenType::STRING, &[Class::String]),
            (SemanticTokenType::NUMBER, &[Class::Number, Class::Date]),
            (SemanticTokenType::COMMENT, &[Class::Comment]),
        ]
    });

pub fn full(cx: &Context<'_>, _params: SemanticTokensParams) -> Option<SemanticTokens> {
    let text = &cx.document.text;
    let options = &cx.project.options;
    let classes = sift_complete::highlight(text, &cx.project.catalog, options.entity.as_deref());
    let mut data = Vec::with_capacity(classes.len());
    let (mut line, mut column) = (0, 0);
    for (span, class) in classes {
        let Some(kind) = LEGEND.iter().position(|(_, c)| c.contains(&class)) else {
            continue;
        };
        let range = cx.range(span.lo(), span.hi());
        // A token ends on its line (strings, names and comments stop at a line break).
        let length = if range.end.line == range.start.line {
            range.end.character - range.start.character
        } else {
            continue;
        };
        let start = range.start;
        let delta_line = start.line - line;
        let delta_start = if delta_line == 0 {
            start.character - column
        } else {
            start.character
        };
        (line, column) = (start.line, start.character);
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: u32::try_from(kind).unwrap_or(0),
            token_modifiers_bitset: 0,
        });
    }
    Some(SemanticTokens {
        result_id: None,
        data,
    })
}
