//! Reading sources: files, standard input, arguments. Text must be UTF-8; anything else is
//! refused with the file name and the byte offset of the first bad byte.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

/// A source text with the name diagnostics show for it.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Why a source could not be read as text.
#[derive(Debug)]
pub enum ReadError {
    /// The bytes could not be read at all (missing file, permissions, a directory): exit 2.
    Io(String),
    /// The bytes were read but are not UTF-8: an invalid query file, exit 1.
    NotUtf8(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(msg) | ReadError::NotUtf8(msg) => f.write_str(msg),
        }
    }
}

/// The source, or the exit code of a source that is read but not text (1; the message is
/// printed); an unreadable source is an IO error for exit code 2.
pub fn read_or_invalid(
    path: Option<&Path>,
    style: &crate::render::Style,
) -> Result<Result<Source, u8>, String> {
    let read = match path {
        Some(path) => read_path(path),
        None => read_stdin(),
    };
    match read {
        Ok(source) => Ok(Ok(source)),
        Err(ReadError::Io(msg)) => Err(msg),
        Err(ReadError::NotUtf8(msg)) => {
            eprintln!("{}", style.error_line(&msg));
            Ok(Err(crate::exit::INVALID))
        }
    }
}

pub fn read_path(path: &Path) -> Result<Source, ReadError> {
    if path.as_os_str() == "-" {
        return read_stdin();
    }
    let name = path.display().to_string();
    let bytes =
        std::fs::read(path).map_err(|e| ReadError::Io(format!("cannot read {name}: {e}")))?;
    decode(name, bytes)
}

pub fn read_stdin() -> Result<Source, ReadError> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(ReadError::Io(
            "no input: give a query, a file, or pipe text to standard input (see --help)".into(),
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(format!("cannot read standard input: {e}")))?;
    decode("<stdin>".into(), bytes)
}

fn decode(name: String, bytes: Vec<u8>) -> Result<Source, ReadError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source { name, text }),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            Err(ReadError::NotUtf8(format!(
                "{name}: not valid UTF-8 text: invalid byte at offset {offset} (0x{:02x}); sift reads UTF-8 only",
                err.as_bytes().get(offset).copied().unwrap_or_default()
            )))
        }
    }
}

/// Expands directories into the `.sift` files below them (sorted, so output is stable); other
/// paths, `-` included, are kept as given.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
            let entry =
                entry.map_err(|e| ReadError::Io(format!("cannot list {}: {e}", path.display())))?;
            if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "sift")
            {
                out.push(entry.into_path());
            }
        }
    }
    Ok(out)
}
