//! Comments describe sift itself: they cite no document outside the repository (design notes
//! kept elsewhere and their sections, issue threads, files that are not here). A standard (an
//! RFC) may be cited by number, and a file the build writes by its path under `target/`.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The files below `dir` with one of `extensions`, build output and hidden folders left out.
fn files(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                files(&path, extensions, out);
            }
        } else if extensions.iter().any(|e| name.ends_with(e)) {
            out.push(path);
        }
    }
}

/// The comment of a line of Rust: after `//` (doc comments too), outside a string on that line.
fn comment(line: &str) -> Option<&str> {
    let mut in_string = false;
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        match c {
            '"' if previous != '\\' => in_string = !in_string,
            '/' if !in_string && line[at..].starts_with("//") => return Some(&line[at + 2..]),
            _ => {}
        }
        previous = c;
    }
    None
}

/// What in `comment` cites a document outside the repository; `names` are the file names the
/// repository holds.
fn outside_citation(comment: &str, names: &[String]) -> Option<String> {
    let lower = comment.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "brief")
    {
        return Some("the product brief".into());
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    for pair in words.windows(2) {
        let number = pair[1].trim_start_matches('#');
        if matches!(pair[0], "issue" | "issues") && number.starts_with(|c: char| c.is_ascii_digit())
        {
            return Some(format!("{} {}", pair[0], pair[1]));
        }
    }
    for (at, _) in comment.match_indices('§') {
        let before = &comment[..at];
        let cites_a_standard = before
            .trim_end()
            .rsplit(' ')
            .nth(1)
            .is_some_and(|w| w.ends_with("RFC"));
        if !cites_a_standard {
            return Some("a section (§) of a document".into());
        }
    }
    for word in
        comment.split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/')))
    {
        let name = word.rsplit('/').next().unwrap_or(word);
        if name.ends_with(".md")
            && !word.starts_with("target/")
            && name.len() > 3
            && !names.iter().any(|n| n == name)
        {
            return Some(format!("{word}, which is not in the repository"));
        }
    }
    None
}

#[test]
fn comments_cite_nothing_outside_the_repository() {
    let root = repo();
    let mut markdown = Vec::new();
    files(&root, &[".md"], &mut markdown);
    let names: Vec<String> = markdown
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert!(names.iter().any(|n| n == "ARCHITECTURE.md"), "{names:?}");
    let mut sources = Vec::new();
    for dir in ["crates", "tests", "fuzz", "bench"] {
        files(&root.join(dir), &[".rs"], &mut sources);
    }
    assert!(
        sources.len() > 100,
        "the sources are found: {}",
        sources.len()
    );
    let mut found = Vec::new();
    for path in sources {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            if let Some(why) = comment(line).and_then(|c| outside_citation(c, &names)) {
                let shown = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .display()
                    .to_string();
                found.push(format!("{shown}:{}: {why}", n + 1));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_rule_sees_what_it_forbids() {
    let names = vec!["README.md".to_owned()];
    assert!(outside_citation(" the table (language brief §5)", &names).is_some());
    assert!(outside_citation(" issue 13 holds it", &names).is_some());
    assert!(outside_citation(" as targets.md says", &names).is_some());
    assert!(outside_citation(" see README.md", &names).is_none());
    assert!(outside_citation(" a JSON string (RFC 8259 §7)", &names).is_none());
}
