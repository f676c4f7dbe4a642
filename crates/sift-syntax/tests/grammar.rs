//! The parser is held to `grammar/sift.ebnf`, the normative grammar: every rule a doc comment
//! of `sift-syntax` quotes is quoted as the grammar states it, and every rule has a function
//! named after it or is among the rules ARCHITECTURE.md names as read by another rule's
//! function (with its reason there).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Blanks folded to one space.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text without its `(* … *)` comments.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("(*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*)")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out
}

/// Each rule of the grammar: its name and its body up to and with the closing `;`, folded.
fn rules() -> BTreeMap<String, String> {
    let text = without_comments(&read(&repo().join("grammar/sift.ebnf")));
    let mut rules = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        let starts_rule = line
            .split_once('=')
            .filter(|(name, _)| {
                !line.starts_with(' ')
                    && !name.trim().is_empty()
                    && name
                        .trim()
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            .map(|(name, _)| name.trim().to_owned());
        if let Some(name) = starts_rule {
            if let Some((done, body)) = current.take() {
                rules.insert(done, fold(&body));
            }
            current = Some((name, line.to_owned()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push(' ');
            body.push_str(line);
        }
    }
    if let Some((done, body)) = current {
        rules.insert(done, fold(&body));
    }
    rules
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every rule a doc comment quotes (`` `name = … ;` ``), with the file it is in: the doc
/// comment's lines joined, the quote read to its closing `` ;` ``.
fn quoted_rules() -> Vec<(String, String, String)> {
    let mut files = Vec::new();
    sources(&repo().join("crates/sift-syntax/src"), &mut files);
    files.sort();
    let mut quoted = Vec::new();
    for file in files {
        let text = read(&file);
        let shown = file
            .strip_prefix(repo())
            .unwrap_or(&file)
            .display()
            .to_string();
        let mut block = String::new();
        let lines = text.lines().map(str::trim_start).chain([""]);
        for line in lines {
            if let Some(doc) = line
                .strip_prefix("///")
                .or_else(|| line.strip_prefix("//!"))
            {
                block.push(' ');
                block.push_str(doc);
                continue;
            }
            let mut rest = block.as_str();
            while let Some(at) = rest.find('`') {
                let after = &rest[at + 1..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                let quote = (!name.is_empty())
                    .then(|| after[name.len()..].strip_prefix(" = "))
                    .flatten()
                    .and_then(|body| {
                        body.find(" ;`")
                            .map(|end| &after[..name.len() + 3 + end + 2])
                    });
                match quote {
                    Some(rule) => {
                        quoted.push((shown.clone(), name, fold(rule)));
                        rest = &after[rule.len() + 1..];
                    }
                    None => rest = after,
                }
            }
            block.clear();
        }
    }
    quoted
}

#[test]
fn every_quoted_rule_is_the_grammars() {
    let rules = rules();
    let quoted = quoted_rules();
    assert!(
        quoted.len() > 30,
        "the doc comments quote the grammar: {quoted:?}"
    );
    let mut wrong = Vec::new();
    for (file, name, rule) in &quoted {
        match rules.get(name) {
            Some(stated) if stated == rule => {}
            Some(stated) => wrong.push(format!("{file}: `{rule}`\n  the grammar: `{stated}`")),
            None => wrong.push(format!("{file}: `{rule}` quotes no rule of the grammar")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The rules ARCHITECTURE.md names as read by another rule's function (each followed by the
/// function that reads it, in parentheses).
fn read_by_others() -> Vec<String> {
    let text = read(&repo().join("ARCHITECTURE.md"));
    let marker = "Grammar rules without a parser function of their own:";
    let at = text
        .find(marker)
        .expect("ARCHITECTURE.md names the rules without a function");
    let paragraph = text[at + marker.len()..].split("\n\n").next().unwrap_or("");
    // The rules stand outside the parentheses that say which function reads them.
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in paragraph.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    let mut names = Vec::new();
    let mut rest = outside.as_str();
    while let Some(open) = rest.find('`') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('`') else { break };
        names.push(after[..close].to_owned());
        rest = &after[close + 1..];
    }
    names
}

#[test]
fn every_rule_has_a_function_or_a_reason() {
    let mut code = String::new();
    let mut files = Vec::new();
    sources(&repo().join("crates/sift-syntax/src"), &mut files);
    for file in files {
        code.push_str(&read(&file));
    }
    let has_function = |name: &str| code.contains(&format!("fn {name}("));
    let others = read_by_others();
    let rules = rules();
    for name in rules.keys() {
        let function = has_function(name);
        let excused = others.contains(name);
        assert!(
            function != excused,
            "`{name}`: {}",
            if function {
                "has a function, but ARCHITECTURE.md says another rule's function reads it"
            } else {
                "has no parser function, and ARCHITECTURE.md does not say which function reads it"
            }
        );
    }
    for name in &others {
        assert!(
            rules.contains_key(name),
            "ARCHITECTURE.md names `{name}`, no rule of the grammar"
        );
    }
}
