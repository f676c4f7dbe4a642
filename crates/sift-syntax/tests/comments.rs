//! Comments: the parser records every one, and `format_document` keeps each in order at a
//! sensible place. Expected outputs for the common layouts.

use std::borrow::Cow;

use sift_syntax::ast::{Comment, Document};
use sift_syntax::{Limits, Span, SpanlessEq, format_document, parse};

/// Formats `src` (which must parse), checks the round trip, and returns the output.
fn fmt(src: &str) -> String {
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{src:?}: {:?}", parsed.errors);
    let text = format_document(&parsed.document);
    let again = parse(&text, &Limits::default());
    assert!(again.errors.is_empty(), "{text:?}: {:?}", again.errors);
    assert!(
        again.document.spanless_eq(&parsed.document),
        "{src:?} -> {text:?}"
    );
    assert_eq!(format_document(&again.document), text, "not a fixed point");
    text
}

fn texts<'a>(document: &'a Document) -> Vec<&'a str> {
    document.comments.iter().map(|c| c.text.as_ref()).collect()
}

#[test]
fn parser_records_comments_with_spans_and_placement() {
    let src = "# head\nfrom users # all of them\n  # alone\nwhere a = 1";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty());
    let comments = &parsed.document.comments;
    assert_eq!(texts(&parsed.document), [" head", " all of them", " alone"]);
    assert_eq!(
        comments.iter().map(|c| c.own_line).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(
        &src[comments[1].span.lo()..comments[1].span.hi()],
        "# all of them"
    );
    assert!(matches!(comments[0].text, Cow::Borrowed(_)));
}

#[test]
fn hashes_in_strings_and_names_are_not_comments() {
    let src = "a = \"x # y\" and `b#c` = 'it\\'s # no' #yes  \r\n";
    let parsed = parse(src, &Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    // Trailing blanks (and the `\r` of a CRLF line end) are not part of the text.
    assert_eq!(texts(&parsed.document), ["yes"]);
    assert_eq!(fmt(src), "a = \"x # y\"\n  and `b#c` = \"it's # no\" #yes");
}

#[test]
fn trailing_comments_stay_on_their_clause_lines() {
    assert_eq!(
        fmt("from users # all of them\nwhere a = 1 # active only"),
        "from users # all of them\nwhere a = 1 # active only"
    );
    assert_eq!(
        fmt("from users sort a # newest first\nlimit 5 # enough"),
        "from users\nsort a # newest first\nlimit 5 # enough"
    );
}

#[test]
fn comments_before_and_between_clauses_keep_their_own_lines() {
    assert_eq!(
        fmt(
            "# Active customers.\n# Second line.\nfrom users\n    # only active\nwhere active = true\n# most recent first\nsort created_at desc"
        ),
        "# Active customers.\n# Second line.\nfrom users\n# only active\nwhere active = true\n# most recent first\nsort created_at desc"
    );
}

#[test]
fn a_commented_chain_gets_one_operand_per_line() {
    assert_eq!(
        fmt("from t where a = 1 # x\nand b = 2 # y\nand c = 3"),
        "from t\nwhere a = 1 # x\n  and b = 2 # y\n  and c = 3"
    );
    assert_eq!(
        fmt("from t where a = 1 or\n  # about b\n  b = 2"),
        "from t\nwhere a = 1\n  # about b\n  or b = 2"
    );
    // A comment at the end of the where line also splits: so the layout is a fixed point.
    assert_eq!(
        fmt("from t where a = 1 and b = 2 # both\nlimit 1"),
        "from t\nwhere a = 1\n  and b = 2 # both\nlimit 1"
    );
    // Bare filters too.
    assert_eq!(fmt("a = 1 and # x\n b = 2"), "a = 1 # x\n  and b = 2");
}

#[test]
fn uncommented_chains_stay_on_one_line() {
    assert_eq!(
        fmt("from t where a = 1 and b = 2\n# about sort\nsort a"),
        "from t\nwhere a = 1 and b = 2\n# about sort\nsort a"
    );
}

#[test]
fn comments_inside_groups_move_to_the_end_of_their_line() {
    assert_eq!(
        fmt("from t where a = 1 and (b = 2 # deep\n or c = 3) and d = 4"),
        "from t\nwhere a = 1\n  and (b = 2 or c = 3) # deep\n  and d = 4"
    );
    // The first moved comment ends the line; the others follow on lines of their own.
    assert_eq!(
        fmt("from t where not (a = 1 # one\n# two\n or b in [1, # three\n 2])"),
        "from t\nwhere not (a = 1 or b in [1, 2]) # one\n# two\n# three"
    );
    assert_eq!(
        fmt("from t sort a, # one\n b fields x, # two\n y"),
        "from t\nsort a, b # one\nfields x, y # two"
    );
}

#[test]
fn a_comment_after_a_clause_keyword_joins_the_line_before() {
    assert_eq!(
        fmt("from t\nwhere # why\n  a = 1"),
        "from t # why\nwhere a = 1"
    );
}

#[test]
fn comments_between_queries_attach_to_the_next_query() {
    assert_eq!(
        fmt("from a # first\n;\n\n\n# about b\n\n# more\nfrom b;from c"),
        "from a; # first\n\n# about b\n# more\nfrom b;\n\nfrom c"
    );
    assert_eq!(
        fmt("from a; # after the semicolon\nfrom b"),
        "from a; # after the semicolon\n\nfrom b"
    );
}

#[test]
fn comments_at_the_end_stay_at_the_end() {
    assert_eq!(
        fmt("a = 1\n\n# the end\n# really;"),
        "a = 1\n# the end\n# really;"
    );
    assert_eq!(fmt("from a; # done"), "from a # done");
    assert_eq!(fmt("from a;\n#"), "from a\n#");
}

#[test]
fn documents_without_queries_keep_their_comments() {
    let parsed = parse("# only\n  # notes", &Limits::default());
    assert_eq!(parsed.errors.len(), 1, "empty input");
    assert_eq!(format_document(&parsed.document), "# only\n# notes");
}

#[test]
fn generated_documents_without_comments_are_unchanged() {
    let parsed = parse("from t where a = 1 and b = 2 sort a", &Limits::default());
    let document = Document {
        span: Span::default(),
        queries: parsed.document.queries.clone(),
        comments: Vec::new(),
    };
    let text = format_document(&document);
    assert_eq!(text, "from t\nwhere a = 1 and b = 2\nsort a");
    let again = parse(&text, &Limits::default());
    assert!(again.document.spanless_eq(&document));
}

#[test]
fn comments_with_spans_the_layout_never_reaches_go_to_the_end() {
    let parsed = parse("a = 1", &Limits::default());
    let comment = |text: &'static str| Comment {
        span: Span::default(),
        text: Cow::Borrowed(text),
        own_line: true,
    };
    let document = Document {
        span: Span::default(),
        queries: parsed.document.queries,
        comments: vec![comment(" one"), comment(" two\n three")],
    };
    assert_eq!(format_document(&document), "a = 1 # one\n# two\n# three");
}

#[test]
fn spanless_eq_compares_comment_texts_in_order() {
    let a = parse("a = 1 # x\n", &Limits::default()).document;
    let b = parse("# x\na = 1", &Limits::default()).document;
    let c = parse("a = 1 # y\n", &Limits::default()).document;
    assert!(a.spanless_eq(&b));
    assert!(!a.spanless_eq(&c));
}
