//! `sift test --update`: a failed case's expectations rewritten from what its query gives, in
//! the file's own text (`toml_edit` keeps its comments, order and layout; a rewritten value
//! keeps the comment after it).

use serde_json::Value;
use toml_edit::{Array, DocumentMut, Item};

use super::case::{Got, Mismatch};

/// The new value of the expectation `mismatch` is about, from `got`.
fn new_value(mismatch: &Mismatch, got: &Got) -> Option<toml_edit::Value> {
    let strings = |items: &[String]| {
        toml_edit::Value::Array(items.iter().map(String::as_str).collect::<Array>())
    };
    Some(match mismatch.key {
        "expect_error" => strings(&got.errors),
        "expect_warning" => strings(&got.warnings),
        "expect_json" => toml_edit::Value::from(serde_json::to_string(got.json.as_ref()?).ok()?),
        "expect_count" => toml_edit::Value::from(i64::try_from(got.ids.as_ref()?.len()).ok()?),
        "expect_ids" => toml_edit::Value::Array(got.ids.as_ref()?.iter().map(toml_of).collect()),
        "expect_rows" => toml_edit::Value::from(rows_text(got.rows.as_ref()?)),
        "expect_pages" => toml_edit::Value::from(i64::from(got.pages?)),
        _ => return None,
    })
}

/// Records as a JSON array, one record a line.
fn rows_text(rows: &[Value]) -> String {
    let lines: Vec<String> = rows.iter().map(Value::to_string).collect();
    match lines.is_empty() {
        true => "[]".to_owned(),
        false => format!("[\n{}\n]", lines.join(",\n")),
    }
}

/// A record's id as TOML: a number or a string as it is; anything else as its JSON text.
fn toml_of(id: &Value) -> toml_edit::Value {
    match id {
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into(),
            (None, Some(f)) => f.into(),
            (None, None) => n.to_string().into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Bool(b) => (*b).into(),
        other => other.to_string().into(),
    }
}

/// The text of a test file with the expectations of case `index` (0-based, file order)
/// rewritten; `Err` says why it cannot be.
pub fn rewrite(text: &str, changes: &[(usize, &[Mismatch], &Got)]) -> Result<String, String> {
    let mut document: DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    let Some(cases) = document
        .get_mut("case")
        .and_then(Item::as_array_of_tables_mut)
    else {
        return Err("the file's cases are not written as [[case]] tables".into());
    };
    for &(index, mismatches, got) in changes {
        let Some(case) = cases.get_mut(index) else {
            return Err(format!("no case {index}"));
        };
        for mismatch in mismatches {
            let Some(mut value) = new_value(mismatch, got) else {
                continue;
            };
            match case.get_mut(mismatch.key).and_then(Item::as_value_mut) {
                Some(old) => {
                    *value.decor_mut() = old.decor().clone();
                    *old = value;
                }
                None => {
                    case.insert(mismatch.key, Item::Value(value));
                }
            }
        }
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Comments and other keys stay as written; the stale value is replaced.
    #[test]
    fn keeps_comments_and_layout() {
        let text = "# top\nfixtures = \"d\"\n\n[[case]]\nname = \"a\"  # the name\nquery = \"x\"\n\
                    expect_count = 3  # stale\n";
        let got = Got {
            ids: Some(vec![Value::from(1), Value::from(2)]),
            ..Got::default()
        };
        let mismatch = Mismatch {
            key: "expect_count",
            expected: "3\n".into(),
            got: "2\n".into(),
        };
        let new = rewrite(text, &[(0, std::slice::from_ref(&mismatch), &got)]);
        assert_eq!(
            new.as_deref(),
            Ok(
                "# top\nfixtures = \"d\"\n\n[[case]]\nname = \"a\"  # the name\nquery = \"x\"\n\
                expect_count = 2  # stale\n"
            )
        );
    }
}
