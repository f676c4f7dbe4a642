//! Properties: the formatter's output re-parses to the same AST and is a fixed point; `parse`
//! never panics, whatever the input.

mod generators;

use generators::{document, token};
use proptest::prelude::*;
use sift_syntax::ast::Tree;
use sift_syntax::{InTree, Limits, SpanlessEq, format_document, parse};

fn token_boundaries(text: &str) -> Vec<usize> {
    let separator = |c: Option<char>| {
        c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | ';'))
    };
    let mut found = Vec::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut prev: Option<char> = None;
    for (at, c) in text.char_indices() {
        if quote.is_none() && (separator(prev) || separator(Some(c))) {
            found.push(at);
        }
        match quote {
            Some(_) if escaped => escaped = false,
            Some('"') if c == '\\' => escaped = true,
            // A doubled backtick closes and reopens: the same state either way.
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '`' => quote = Some(c),
            None => {}
        }
        prev = Some(c);
    }
    found.push(text.len());
    found
}

/// Where and how a comment is inserted into formatted text.
#[derive(Clone, Debug)]
enum Insert {
    /// ` #text` and a line break, at a token boundary.
    AfterCode(proptest::sample::Index),
    /// A line break, `#text` and a line break, at a token boundary.
    OwnLine(proptest::sample::Index),
    /// ` #text` at the end of a line (before a line break, or at the end of the text).
    LineEnd(proptest::sample::Index),
}

fn insert() -> impl Strategy<Value = (Insert, String)> {
    let at = any::<proptest::sample::Index>();
    let place = prop_oneof![
        at.clone().prop_map(Insert::AfterCode),
        at.clone().prop_map(Insert::OwnLine),
        at.prop_map(Insert::LineEnd),
    ];
    (place, "[^\n\r]{0,8}")
}

/// `text` with the comments inserted, and their texts in source order.
fn with_comments(text: &str, inserts: &[(Insert, String)]) -> (String, Vec<String>) {
    let boundaries = token_boundaries(text);
    let mut line_ends: Vec<usize> = text.match_indices('\n').map(|(at, _)| at).collect();
    line_ends.push(text.len());
    let mut placed: Vec<(usize, usize, String)> = inserts
        .iter()
        .enumerate()
        .map(|(n, (place, body))| {
            let (at, snippet) = match place {
                Insert::AfterCode(i) => (*i.get(&boundaries), format!(" #{body}\n")),
                Insert::OwnLine(i) => (*i.get(&boundaries), format!("\n#{body}\n")),
                Insert::LineEnd(i) => (*i.get(&line_ends), format!(" #{body}")),
            };
            (at, n, snippet)
        })
        .collect();
    placed.sort_by_key(|(at, n, _)| (*at, *n));
    let mut src = String::new();
    let mut expected = Vec::new();
    let mut from = 0;
    let mut placed = placed.into_iter().peekable();
    while let Some((at, n, snippet)) = placed.next() {
        src.push_str(&text[from..at]);
        src.push_str(&snippet);
        // A comment must end its line before anything else inserted at the same place.
        if placed.peek().is_some_and(|next| next.0 == at) && !snippet.ends_with('\n') {
            src.push('\n');
        }
        from = at;
        expected.push(inserts[n].1.trim_end().to_owned());
    }
    src.push_str(&text[from..]);
    (src, expected)
}

fn check_spans(src: &str, parsed: &sift_syntax::Parsed) {
    for e in &parsed.errors {
        let s = e.span();
        assert!(
            s.lo() <= s.hi() && s.hi() <= src.len(),
            "{e:?} span out of {}",
            src.len()
        );
        assert!(
            src.is_char_boundary(s.lo()) && src.is_char_boundary(s.hi()),
            "{e:?}"
        );
        if let Some(fix) = sift_syntax::SuggestFix::fix(e) {
            assert!(
                fix.span.hi() <= src.len() && src.is_char_boundary(fix.span.lo()),
                "{fix:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn formatted_documents_reparse_to_the_same_ast(doc in document()) {
        let text = format_document(&doc);
        let parsed = parse(&text, &Limits::default());
        prop_assert!(parsed.errors.is_empty(), "{text}\n{:#?}", parsed.errors);
        prop_assert!(parsed.document.spanless_eq(&doc), "{text}\n{:#?}", parsed.document);
        prop_assert_eq!(format_document(&parsed.document), text);
    }

    /// A tree's expression written out whole and built again, in another tree, is the same
    /// expression, spans included.
    #[test]
    fn an_expression_taken_out_and_added_back_is_the_same(doc in document()) {
        for query in &doc.queries {
            let Some(filter) = query.filter else { continue };
            let mut copy = Tree::default();
            let again = copy.add(query.tree.to_owned_expr(filter));
            prop_assert_eq!(copy.to_owned_expr(again), query.tree.to_owned_expr(filter));
            prop_assert!(InTree::new(&copy, again).spanless_eq(&InTree::new(&query.tree, filter)));
        }
    }

    /// Comments anywhere blanks may go: the formatter keeps every comment text in order, the
    /// output parses to the same AST, and formatting is a fixed point.
    #[test]
    fn formatting_keeps_comments(
        doc in document(),
        inserts in proptest::collection::vec(insert(), 0..8),
    ) {
        let canonical = format_document(&doc);
        let (src, expected) = with_comments(&canonical, &inserts);
        let parsed = parse(&src, &Limits::default());
        prop_assert!(parsed.is_ok(), "{src}\n{:#?}", parsed.errors);
        let found: Vec<&str> = parsed.document.comments.iter().map(|c| c.text.as_ref()).collect();
        prop_assert_eq!(&found, &expected, "{}", src);
        let text = format_document(&parsed.document);
        let again = parse(&text, &Limits::default());
        prop_assert!(again.is_ok(), "{src}\n->\n{text}\n{:#?}", again.errors);
        let kept: Vec<&str> = again.document.comments.iter().map(|c| c.text.as_ref()).collect();
        prop_assert_eq!(&kept, &expected, "{}\n->\n{}", src, text);
        prop_assert!(again.document.spanless_eq(&parsed.document), "{src}\n->\n{text}");
        prop_assert!(again.document.queries.spanless_eq(&doc.queries), "{src}\n->\n{text}");
        prop_assert_eq!(format_document(&again.document), text, "{}", src);
    }

    #[test]
    fn arbitrary_text_never_panics(src in any::<String>()) {
        let parsed = parse(&src, &Limits::default());
        check_spans(&src, &parsed);
    }

    #[test]
    fn token_soup_never_panics(tokens in proptest::collection::vec((token(), "[ \n]{0,2}"), 0..40)) {
        let src: String = tokens.into_iter().map(|(t, s)| t + &s).collect();
        let parsed = parse(&src, &Limits::default());
        check_spans(&src, &parsed);
        if parsed.errors.is_empty() {
            // Whatever parses cleanly formats to text that parses to the same AST.
            let text = format_document(&parsed.document);
            let again = parse(&text, &Limits::default());
            prop_assert!(again.errors.is_empty(), "{src:?} -> {text:?}: {:?}", again.errors);
            prop_assert!(again.document.spanless_eq(&parsed.document), "{src:?} -> {text:?}");
            prop_assert_eq!(format_document(&again.document), text, "{:?}", src);
        }
    }
}

#[test]
fn formatter_escapes_invisible_and_reordering_characters_and_reads_them_back() {
    let src = "first_name = \"a\u{202e}b\u{7f}c\u{9b}d\u{1b}\"";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let text = format_document(&parsed.document);
    assert_eq!(text, "first_name = \"a\\u202eb\\u007fc\\u009bd\\u001b\"");
    let again = parse(&text, &Limits::default());
    assert!(again.document.spanless_eq(&parsed.document));
}

#[test]
fn a_carriage_return_ends_a_comment() {
    let parsed = parse("id = 1 # note\rand is_active = false", &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    assert_eq!(parsed.document.comments.len(), 1);
    assert_eq!(
        format_document(&parsed.document),
        "id = 1 # note\n  and is_active = false"
    );
}
