//! The grammar against sift's own parser: for every text here, `sift_syntax::parse` (default
//! `Limits`) reports no syntax error exactly when the tree-sitter tree has no ERROR or MISSING
//! node. The texts: every `.sift` file of the repository (whole, and each query item alone), the
//! grammar's own corpus, the keyword-like names in every position, the lexical edges, every text
//! of up to three pieces of sift, and generated documents — printed by sift's formatter,
//! respaced, mutated — token soup and arbitrary text.

mod generators;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sift_syntax::{Keyword, Limits, SyntaxError, TokenKind, format_document, parse, tokens};
use strum::IntoEnumIterator;

/// The syntax errors of sift that the grammar does not check, each with why. An input whose
/// only errors have these codes is left out of the comparison; every other input is compared.
const UNCHECKED: [(&str, &str); 6] = [
    (
        "sift::syntax::bad_date",
        "the calendar (days of a month, leap years, times of day, offsets, nine fractional digits, the timestamp range) is jiff's to check; the grammar checks the shape of dates and date-times",
    ),
    (
        "sift::syntax::too_deep",
        "`Limits::max_depth`, a bound on resources: sift.ebnf nests without limit",
    ),
    (
        "sift::syntax::too_many_nodes",
        "`Limits::max_nodes`, a bound on resources",
    ),
    (
        "sift::syntax::list_too_long",
        "`Limits::max_list_len`, a bound on resources",
    ),
    (
        "sift::syntax::input_too_large",
        "`Limits::max_input_bytes`, a bound on resources",
    ),
    (
        "sift::syntax::file_too_large",
        "`Limits::max_file_bytes`, a bound on resources",
    ),
];

/// What sift's parser makes of a text.
#[derive(Debug, PartialEq)]
enum Sift {
    Clean,
    /// Syntax errors (warnings aside), by code.
    Errors(Vec<String>),
    /// Only errors the grammar does not check.
    Unchecked,
}

fn sift(src: &str) -> Sift {
    let codes: Vec<String> = parse(src, &Limits::default())
        .errors
        .iter()
        .filter(|e| !e.is_warning())
        .map(SyntaxError::code_str)
        .collect();
    if codes.is_empty() {
        Sift::Clean
    } else if codes
        .iter()
        .all(|code| UNCHECKED.iter().any(|(unchecked, _)| unchecked == code))
    {
        Sift::Unchecked
    } else {
        Sift::Errors(codes)
    }
}

thread_local! {
    /// One parser per test thread, reused for every text.
    static PARSER: std::cell::RefCell<tree_sitter::Parser> = std::cell::RefCell::new({
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tree_sitter_sift::LANGUAGE.into())
            .expect("the grammar's ABI is one the tree-sitter crate reads");
        parser
    });
}

/// Whether the tree-sitter tree of `src` is free of errors, and (`sexp`) the tree as an
/// S-expression.
fn tree_sitter(src: &str, sexp: bool) -> (bool, String) {
    PARSER.with_borrow_mut(|parser| {
        let tree = parser
            .parse(src, None)
            .expect("a parser with a language and no timeout returns a tree");
        let root = tree.root_node();
        let text = if sexp { root.to_sexp() } else { String::new() };
        (!root.has_error(), text)
    })
}

/// Whether the two parsers agree on `src` (or sift reports only unchecked errors); the message
/// says how they differ.
fn agree(src: &str) -> Result<(), String> {
    let verdict = sift(src);
    let (clean, _) = tree_sitter(src, false);
    match (&verdict, clean) {
        (Sift::Unchecked, _) | (Sift::Clean, true) | (Sift::Errors(_), false) => Ok(()),
        _ => Err(format!(
            "{src:?}\n  sift: {verdict:?}\n  tree-sitter: {}\n  {}",
            if clean { "no error" } else { "error" },
            tree_sitter(src, true).1
        )),
    }
}

/// Asserts that the parsers agree on every text (naming the first few that they do not);
/// returns how many texts there were.
fn assert_all_agree<'a>(texts: impl IntoIterator<Item = &'a str>) -> usize {
    let mut count = 0;
    let failures: Vec<String> = texts
        .into_iter()
        .inspect(|_| count += 1)
        .filter_map(|src| agree(src).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {count} texts read differently, among them:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    count
}

#[test]
fn every_unchecked_code_is_a_syntax_code_of_sift() {
    let codes: Vec<String> = SyntaxError::iter().map(|e| e.code_str()).collect();
    for (code, why) in UNCHECKED {
        assert!(codes.iter().any(|c| c == code), "{code} ({why})");
    }
}

fn sift_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sift_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "sift") {
            found.push(path);
        }
    }
}

/// The query items of `src`, split at its `;` tokens (those outside strings, names and
/// comments), each with its surrounding blanks and comments.
fn items(src: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for token in tokens(src) {
        if token.kind == TokenKind::Punct && &src[token.span.lo()..token.span.hi()] == ";" {
            pieces.push(&src[start..token.span.lo()]);
            start = token.span.hi();
        }
    }
    pieces.push(&src[start..]);
    pieces
}

#[test]
fn the_corpus_reads_alike() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in [
        "tests/cases",
        "tests/golden/data",
        "examples",
        "editors/tree-sitter-sift/test/highlight",
    ] {
        sift_files(&root.join(dir), &mut files);
    }
    // The corpus is there: a moved directory must not leave this test with nothing to read.
    assert!(files.len() >= 90, "{} .sift files", files.len());
    let texts: Vec<String> = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // A file that is not UTF-8 is read as the text a lossy decoding gives.
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect();
    let mut all: Vec<&str> = Vec::new();
    for text in &texts {
        all.push(text);
        all.extend(items(text));
    }
    assert_all_agree(all);
}

/// One example of the grammar's own corpus (`test/corpus/*.txt`, tree-sitter's test format).
struct Example {
    name: String,
    input: String,
    /// Marked `:error`: the example is a text with a syntax error.
    error: bool,
}

/// The examples of a corpus file: a header between two `===` lines (the name, then
/// attributes such as `:error`), the input, a `---` line, the expected tree. The input is read
/// as the tree-sitter CLI reads it: all between the header and the `---`, less one line end.
fn examples(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let rule = |line: &str, c: char| {
        let line = line.trim_end_matches(['\n', '\r']);
        line.len() >= 3 && line.chars().all(|d| d == c)
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        if !rule(lines[at], '=') {
            at += 1;
            continue;
        }
        let header_end = (at + 1..lines.len())
            .find(|&n| rule(lines[n], '='))
            .unwrap_or(lines.len());
        let header = &lines[(at + 1).min(lines.len())..header_end];
        let divider = (header_end + 1..lines.len())
            .find(|&n| rule(lines[n], '-'))
            .unwrap_or(lines.len());
        let mut input = lines[(header_end + 1).min(divider)..divider].concat();
        if input.ends_with('\n') {
            input.pop();
        }
        if input.ends_with('\r') {
            input.pop();
        }
        found.push(Example {
            name: header.first().map_or("", |l| l.trim_end()).to_owned(),
            input,
            error: header.iter().any(|l| l.trim_end() == ":error"),
        });
        at = divider + 1;
    }
    found
}

/// The grammar's corpus says of each example what sift says of it (`:error` where sift
/// reports a syntax error; an unchecked one may stand either way), and the two parsers agree
/// on each.
#[test]
fn the_grammar_corpus_reads_alike() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    files.sort();
    let mut all = Vec::new();
    for path in &files {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        all.extend(examples(&text));
    }
    assert!(all.len() >= 70, "{} examples", all.len());
    for example in &all {
        let verdict = sift(&example.input);
        let marked = if example.error {
            verdict != Sift::Clean
        } else {
            !matches!(verdict, Sift::Errors(_))
        };
        assert!(
            marked,
            "{}: marked {}, sift: {verdict:?}",
            example.name,
            if example.error { ":error" } else { "clean" }
        );
    }
    assert_all_agree(all.iter().map(|e| e.input.as_str()));
}

/// Every keyword and keyword-like word, in each case, in every position of "Keyword-like
/// names" (grammar/README.md).
#[test]
fn keyword_like_names_read_alike() {
    let mut words: Vec<String> = Keyword::all().map(str::to_owned).collect();
    words.extend(
        [
            "to",
            "min",
            "context_size",
            "dedup",
            "max",
            "none",
            "now",
            "today",
            "start_of_week",
            "start_of_month",
            "start_of_year",
            "by",
            "eq",
            "gte",
            "x",
        ]
        .map(str::to_owned),
    );
    let upper: Vec<String> = words.iter().map(|w| w.to_uppercase()).collect();
    words.extend(upper);
    let templates = [
        "{w} = 1",
        "{w}.x = 1",
        "{w} .x = 1",
        "x.{w} = 1",
        "{w} in [1]",
        "{w} not in [1]",
        "{w} is null",
        "{w} is not null",
        "{w} like \"a\"",
        "{w} between 1 and 2",
        "{w} any (y = 1)",
        "{w} ~ \"a\"",
        "{w} != 1",
        "{w}",
        "{w} x",
        "{w} x = 1",
        "from {w}",
        "from {w} where a = 1",
        "from {w} = 1",
        "from {w} limit 1",
        "from `{w}`",
        "from t where {w} = 1",
        "from t where {w}",
        "from t where a = 1 and {w} = 1",
        "from t where a = 1 or {w}",
        "from t where a = 1 {w} b",
        "from t where not {w} = 1",
        "from t where ({w} = 1)",
        "from t where x any ({w} = 1)",
        "from t where a = 1 and {w}.y = 1",
        "from t where a between 1 {w} 2",
        "from t sort {w}",
        "from t sort {w} desc",
        "from t sort {w} {w}",
        "from t sort a, {w}",
        "from t sort a {w}",
        "from t fields {w}",
        "from t fields a, {w}",
        "from t fields {w}.{w}",
        "from t limit 1 {w} a",
        "from t similar to \"x\" in {w}",
        "from t similar to \"x\" in {w} min 0.5",
        "from t similar to \"x\" {w} name",
        "from t similar {w} \"x\"",
        "from t similar to \"x\" dedup {w}",
        "a = {w}",
        "a = {w}()",
        "a = {w}() - 7d",
        "a in [{w}]",
        "`{w}` = 1",
    ];
    let texts: Vec<String> = templates
        .iter()
        .flat_map(|t| words.iter().map(move |w| t.replace("{w}", w)))
        .collect();
    let count = assert_all_agree(texts.iter().map(String::as_str));
    assert_eq!(count, templates.len() * words.len());
}

/// Texts at the edges of the lexical rules: run-on numbers, bounds, blanks and escapes.
#[test]
fn lexical_edges_read_alike() {
    let texts = [
        "",
        " ",
        "# only a comment",
        "\u{feff}a = 1",
        "a = 1\u{feff}",
        " \u{feff}a = 1",
        "\u{feff}",
        "a = 7and b = 1",
        "a = 7 and b = 1",
        "a = \"x\"and b = 1",
        "a = 1or b = 1",
        "a = 2024-01-01and b = 1",
        "a = 2024-01-01T00:00:00Zand b = 1",
        "a = today() - 7dand b = 1",
        "a = today() - 7d and b = 1",
        "a = today()-7d",
        "a = today() -7d",
        "a = today() - -7d",
        "a = today ( ) + 1mo - 2w",
        "a = TODAY()",
        "a = today() - 7D",
        "a = today() - 7 d",
        "a = today() - 5mox",
        "a = today() - 0007d",
        "a = today() - 9223372036854775807s",
        "a = today() - 9223372036854775808s",
        "a = 9223372036854775807",
        "a = 9223372036854775808",
        "a = -9223372036854775808",
        "a = -9223372036854775809",
        "a = 99999999999999999999.5",
        "a = 1e400",
        "a = -0",
        "a = 01",
        "a = 1.",
        "a = .5",
        "a = 1_000",
        "a = 1é",
        "a=-1",
        "a<-1",
        "a<=-1",
        "a=~1",
        "a = +1",
        "from t limit 0",
        "from t limit 00",
        "from t limit 18446744073709551615",
        "from t limit 18446744073709551616",
        "from t limit 5fields a",
        "from t limit 5 fields a",
        "from t limit 1e3",
        "from t limit -1",
        "from t limit 2024-01-01",
        "a = 2024-1-1",
        "a = 2024-01-01T10:00:00",
        "a = 2024-01-01t10:00:00Z",
        "a = 2024-01-01 T10:00:00Z",
        "a = 2024-02-30",
        "a = 20240-01-01",
        "a = -2024-01-01",
        "a = 2024-01-01T10:00:00.Z",
        "a.b = 1",
        "a. b = 1",
        "a .b = 1",
        "a.`b` = 1",
        "a.`` = 1",
        "`` = 1",
        "```` = 1",
        "`a``b` = 1",
        "`a`` = 1",
        "`a\\u0041` = 1",
        "`a\\x` = 1",
        "a = \"\\uD83D\\uDE00\"",
        "a = \"\\uD83D\"",
        "a = \"\\uDE00\"",
        "a = \"\\uD83D\\u0041\"",
        "a = \"\\u00e9\\/\\b\\f\\n\\r\\t\\'\\`\\\\\"",
        "a = '\"'",
        "a = \"\\\n\"",
        "a = \"\u{0}\"",
        "a = \"\t\u{1}\"",
        "a = 1 # c\rand b = 2",
        "a = 1\u{3000}and\u{a0}b = 2",
        "a = 1\u{85}and b = 2",
        "a = 1\u{200b}and b = 2",
        "a = 1;",
        "a = 1;;",
        ";a = 1",
        "a = 1; ;",
        "a = 1 ; # c",
        "a in []",
        "a in ()",
        "a in [1,]",
        "a in [,]",
        "a in [1,,2]",
        "a in (1, 2,)",
        "a has [1]",
        "x any y = 1",
        "not not a = 1",
        "not(a = 1)",
        "nota = 1",
        "(a = 1)and(b = 2)",
        "a = 1 && b = 2",
        "a == 1",
        "a <> 1",
        "!a = 1",
        "a:1",
        "from t where a = 1 order by b",
        "from t select a",
        "from t where a = 1 from u",
        "from t where a = 1; from u",
        "from t where a = 1 sort b limit 2 fields c",
        "from t limit 2 where a = 1",
        "from t where a = 1 where b = 1",
        "from t similar to \"x\" min 0.3 in name",
        "from t similar to \"x\" in name min 0.3 context_size 200 dedup none where a = 1",
        "from t similar to \"x\" dedup MAX",
        "from t similar to \"x\" dedup maxx",
        "from t similar to \"x\" min 1 min 2",
    ];
    assert_all_agree(texts);
}

/// Every text of up to three pieces of sift, run together or one space apart.
#[test]
fn short_texts_read_alike() {
    let pieces = [
        "from",
        "where",
        "sort",
        "limit",
        "fields",
        "similar",
        "to",
        "in",
        "not",
        "is",
        "null",
        "and",
        "or",
        "a",
        "b.c",
        "=",
        "~",
        "(",
        ")",
        "[",
        "]",
        ",",
        ";",
        "1",
        "\"s\"",
        "today()",
        "-",
        "7d",
        "desc",
        "any",
        "between",
        "#c\n",
        "`q`",
        "2024-01-01",
        "true",
        "dedup",
        "max",
        "min",
        ".",
    ];
    let mut texts: Vec<String> = Vec::new();
    for a in pieces {
        texts.push(a.to_owned());
        for separator in ["", " "] {
            for b in pieces {
                texts.push(format!("{a}{separator}{b}"));
                for c in pieces {
                    texts.push(format!("{a}{separator}{b}{separator}{c}"));
                }
            }
        }
    }
    assert_all_agree(texts.iter().map(String::as_str));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Documents printed by sift's formatter.
    #[test]
    fn formatted_documents_read_alike(doc in generators::document()) {
        let text = format_document(&doc);
        if let Err(message) = agree(&text) {
            prop_assert!(false, "{}", message);
        }
    }

    /// Formatted documents after a few mutations: inserted tokens, deletions, duplications,
    /// case changes.
    #[test]
    fn mutated_documents_read_alike(
        doc in generators::document(),
        mutations in proptest::collection::vec(generators::mutation(), 1..4),
    ) {
        let mut text = format_document(&doc);
        for mutation in &mutations {
            text = generators::mutate(&text, mutation);
        }
        if let Err(message) = agree(&text) {
            prop_assert!(false, "{}", message);
        }
    }

    /// Formatted documents with their tokens spaced anew: run together, or apart with blanks
    /// and comments between them.
    #[test]
    fn respaced_documents_read_alike(
        doc in generators::document(),
        gaps in proptest::collection::vec(
            (any::<proptest::sample::Index>(), generators::separator()),
            1..4,
        ),
    ) {
        let text = generators::respace(&format_document(&doc), &gaps);
        if let Err(message) = agree(&text) {
            prop_assert!(false, "{}", message);
        }
    }

    /// Text made of sift's pieces in any order, with or without blanks between them.
    #[test]
    fn token_soup_reads_alike(
        pieces in proptest::collection::vec((generators::token(), "[ \n]{0,2}"), 0..30),
    ) {
        let text: String = pieces.into_iter().map(|(t, s)| t + &s).collect();
        if let Err(message) = agree(&text) {
            prop_assert!(false, "{}", message);
        }
    }

    /// Any text at all.
    #[test]
    fn arbitrary_text_reads_alike(text in any::<String>()) {
        if let Err(message) = agree(&text) {
            prop_assert!(false, "{}", message);
        }
    }
}
