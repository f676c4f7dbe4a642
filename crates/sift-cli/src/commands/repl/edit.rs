//! `:edit` (psql's `\e`): a text in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`),
//! through a temporary `.sift` file that is removed afterwards. The command is split as a shell
//! would split it (`code --wait`), and the file's path is its last argument.

use std::io::Write;

/// The text after editing, or `None` when the file was left as it was (nothing saved).
pub fn in_editor(text: &str, cap: crate::input::Cap) -> Result<Option<String>, String> {
    let mut file = tempfile::Builder::new()
        .prefix("sift-edit-")
        .suffix(".sift")
        .tempfile()
        .map_err(|e| format!("cannot make a file to edit: {e}"))?;
    let written = if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    };
    file.write_all(written.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| format!("cannot write the file to edit: {e}"))?;
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_owned());
    let words = shlex::split(&editor)
        .filter(|words| !words.is_empty())
        .ok_or_else(|| {
            format!(
                "cannot read the editor command `{}`",
                crate::render::escape(&editor)
            )
        })?;
    let status = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(file.path())
        .status()
        .map_err(|e| {
            format!(
                "cannot start the editor `{}`: {e} (set $VISUAL or $EDITOR)",
                crate::render::escape(&words[0])
            )
        })?;
    if !status.success() {
        return Err(format!("the editor ended with {status}; nothing was run"));
    }
    let edited = crate::input::read_capped(file.path(), cap)?.text;
    Ok((edited != written).then_some(edited))
}
