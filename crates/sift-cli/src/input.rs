//! Reading inputs, one convention for every command: files, directories (walked for the
//! command's extension) and `-` for standard input; nothing at all reads standard input when it
//! is not a terminal.
//!
//! Every problem with an input is an input error (exit 2) naming the path: a path that does not
//! exist, a directory without matching files, something that is not a regular file (checked
//! before opening, since opening a FIFO without a writer blocks forever), a file larger than
//! the file limit (at most `limit + 1` bytes are ever read), text that is not UTF-8 (with the
//! byte offset).
//!
//! Every file sift opens goes through [`open`]: queries, JSON documents, `sift.toml`, connector
//! specs, request files, data files (streamed, without a size cap) and the REPL's `:save`.
//! Each opening names the file through one escaping rule ([`shown`]).

use std::fs::{File, Metadata};
use std::io::{IsTerminal, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::output::{self, Failure};
use crate::render::Style;

/// A source text with the name diagnostics show for it.
#[derive(Debug)]
pub struct Source {
    pub name: String,
    pub text: String,
    /// The file it was read from, with its metadata as read; `None` for standard input.
    pub file: Option<(PathBuf, Metadata)>,
}

/// One input named on the command line (or implied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// The inputs the command line names, and whether some of them were input errors (printed).
#[derive(Debug, Default)]
pub struct Inputs {
    pub items: Vec<Input>,
    pub failed: bool,
}

/// Resolves command-line paths: `-` is standard input, a directory yields the files below it
/// whose names end in `.{extension}` (sorted, so output is stable), anything else is a file.
/// No paths at all means standard input, unless it is a terminal (a usage error then).
/// Symbolic links and other non-regular entries met while walking a directory are skipped and
/// said so; a directory that yields nothing is an input error.
pub fn collect(paths: &[PathBuf], extension: &str, style: &Style) -> Result<Inputs, Failure> {
    let mut inputs = Inputs::default();
    if paths.is_empty() {
        inputs.items.push(single(None)?);
        return Ok(inputs);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            if inputs.items.contains(&Input::Stdin) {
                return Err(Failure::Usage("`-` (standard input) is given twice".into()));
            }
            inputs.items.push(Input::Stdin);
            continue;
        }
        // A path that is not a directory (or does not exist) is reported when it is read.
        if !std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            inputs.items.push(Input::File(path.clone()));
            continue;
        }
        let before = inputs.items.len();
        let walk = walkdir::WalkDir::new(path).sort_by_file_name();
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    output::errln(&style.error_line(&format!("cannot list {}: {e}", shown(path))))?;
                    inputs.failed = true;
                    continue;
                }
            };
            if entry.depth() == 0
                || !entry
                    .file_name()
                    .to_string_lossy()
                    .ends_with(&format!(".{extension}"))
            {
                continue;
            }
            let kind = entry.file_type();
            if kind.is_file() {
                inputs.items.push(Input::File(entry.into_path()));
            } else if !kind.is_dir() {
                let what = if kind.is_symlink() {
                    "a symbolic link"
                } else {
                    describe(kind)
                };
                output::errln(&format!(
                    "note: skipped {}: {what} (directory walks take regular files only; name it \
                     on the command line to use it)",
                    shown(entry.path())
                ))?;
            }
        }
        if inputs.items.len() == before {
            output::errln(&style.error_line(&format!(
                "{}: no .{extension} files found in this directory",
                shown(path)
            )))?;
            inputs.failed = true;
        }
    }
    Ok(inputs)
}

/// The one input of a command that reads one: the file given (`-` for standard input), else
/// standard input unless it is a terminal (a usage error then: nothing to wait for).
pub fn single(path: Option<&Path>) -> Result<Input, Failure> {
    match path {
        Some(path) if path.as_os_str() != "-" => Ok(Input::File(path.to_owned())),
        Some(_) => Ok(Input::Stdin),
        None if std::io::stdin().is_terminal() => Err(Failure::Usage(
            "no input: give files, directories, or `-` for standard input, or pipe text to \
             standard input (see --help)"
                .into(),
        )),
        None => Ok(Input::Stdin),
    }
}

/// The text of a command that runs one query (`compile`, `explain`, `search`): the query
/// argument as given (`-` alone: standard input, as for every other command), else the file of
/// `-f` (`-` for standard input), else standard input. A directory is refused: "`sift
/// {command} -f` reads one file{why_one_file}".
pub fn query_text(
    command: &str,
    query: Option<&str>,
    file: Option<&Path>,
    limit: usize,
    why_one_file: &str,
) -> Result<Source, Failure> {
    if let Some(text) = query.filter(|text| *text != "-") {
        return Ok(Source {
            name: "<query>".into(),
            text: text.to_owned(),
            file: None,
        });
    }
    if let Some(dir) = file.filter(|path| path.is_dir()) {
        return Err(Failure::Usage(format!(
            "{}: a directory; `sift {command} -f` reads one file{why_one_file}",
            shown(dir)
        )));
    }
    let input = match (query, file) {
        (Some(_), _) => Input::Stdin,
        (None, file) => single(file)?,
    };
    read(&input, limit).map_err(Failure::Usage)
}

/// Reads one input as UTF-8 text of at most `limit` bytes.
pub fn read(input: &Input, limit: usize) -> Result<Source, String> {
    match input {
        Input::Stdin => read_stdin(limit),
        Input::File(path) => read_file(path, limit),
    }
}

/// Reads one input, or prints why it cannot be read (an input error: `None`).
pub fn read_or_report(
    input: &Input,
    limit: usize,
    style: &Style,
) -> Result<Option<Source>, Failure> {
    match read(input, limit) {
        Ok(source) => Ok(Some(source)),
        Err(message) => {
            output::errln(&style.error_line(&message))?;
            Ok(None)
        }
    }
}

/// Reads standard input (at most `limit + 1` bytes, so endless input stops at the limit).
pub fn read_stdin(limit: usize) -> Result<Source, String> {
    let name = "<stdin>".to_owned();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1) as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() > limit {
        return Err(too_large("standard input", None, Cap::flag(limit)));
    }
    Ok(Source {
        text: decode(&name, bytes)?,
        name,
        file: None,
    })
}

/// Reads a regular file (following symbolic links) of at most `limit` bytes, the
/// `--max-file-bytes` limit.
pub fn read_file(path: &Path, limit: usize) -> Result<Source, String> {
    read_capped(path, Cap::flag(limit))
}

/// Reads a regular file (following symbolic links) of at most `cap` bytes, through [`open`].
pub fn read_capped(path: &Path, cap: Cap) -> Result<Source, String> {
    let name = path.display().to_string();
    let (file, metadata) = open(path, Open::Read(Some(cap)))?;
    let bytes =
        read_limited(&file, cap.bytes).map_err(|e| format!("cannot read {}: {e}", shown(path)))?;
    if bytes.len() > cap.bytes {
        return Err(too_large(&shown(path), None, cap));
    }
    Ok(Source {
        text: decode(&shown(path), bytes)?,
        name,
        file: Some((path.to_owned(), metadata)),
    })
}

/// The most bytes a file may hold, and whose limit that is (for the message).
#[derive(Clone, Copy, Debug)]
pub struct Cap {
    pub bytes: usize,
    /// What kind of file the limit is for (`a connector spec`); `None` for the limit
    /// `--max-file-bytes` sets.
    pub of: Option<&'static str>,
}

impl Cap {
    /// The `--max-file-bytes` limit.
    pub const fn flag(bytes: usize) -> Cap {
        Cap { bytes, of: None }
    }

    /// A fixed limit for one kind of file.
    pub const fn fixed(bytes: usize, of: &'static str) -> Cap {
        Cap {
            bytes,
            of: Some(of),
        }
    }
}

/// How [`open`] opens a file.
#[derive(Clone, Copy, Debug)]
pub enum Open {
    /// For reading; `Some` refuses a file larger than the cap before it is read, `None` is
    /// for data files, which are streamed and bounded by their reader.
    Read(Option<Cap>),
    /// For reading and appending, created if missing (with the mode the umask gives); a
    /// symbolic link is refused, not followed, and so is a file larger than the cap.
    Append(Cap),
}

/// The one way sift opens a file (standard input aside): what is not a regular file is
/// refused, and so is a file over its cap. The type is checked before opening (opening a FIFO
/// without a writer blocks) and again on the open file, which is opened without blocking, so a
/// FIFO swapped in between cannot hang the run either.
pub fn open(path: &Path, how: Open) -> Result<(File, Metadata), String> {
    let name = shown(path);
    let verb = match how {
        Open::Read(_) => "read",
        Open::Append(_) => "write",
    };
    let cannot = |e: std::io::Error| format!("cannot {verb} {name}: {e}");
    let mut options = std::fs::OpenOptions::new();
    let cap = match how {
        Open::Read(cap) => {
            let metadata = std::fs::metadata(path).map_err(cannot)?;
            regular(&name, &metadata, cap, how)?;
            options.read(true).custom_flags(libc::O_NONBLOCK);
            cap
        }
        Open::Append(cap) => {
            match std::fs::symlink_metadata(path) {
                Ok(metadata) if metadata.file_type().is_symlink() => {
                    return Err(format!(
                        "{name}: a symbolic link; sift writes regular files only, not what a \
                         link points at"
                    ));
                }
                Ok(metadata) => regular(&name, &metadata, Some(cap), how)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(cannot(e)),
            }
            options
                .read(true)
                .append(true)
                .create(true)
                .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
            Some(cap)
        }
    };
    let file = options.open(path).map_err(|e| match e.raw_os_error() {
        // A symbolic link swapped in after the check.
        Some(libc::ELOOP) => format!("{name}: a symbolic link; sift writes regular files only"),
        _ => cannot(e),
    })?;
    let metadata = file.metadata().map_err(cannot)?;
    regular(&name, &metadata, cap, how)?;
    Ok((file, metadata))
}

/// A path as messages show it: one line, controls escaped (the CLI's one escaping rule).
pub fn shown(path: &Path) -> String {
    crate::render::escape::escape_line(&path.display().to_string()).into_owned()
}

fn read_limited(file: &File, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1) as u64)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Refuses what is not a regular file, or is larger than `cap`.
fn regular(name: &str, metadata: &Metadata, cap: Option<Cap>, how: Open) -> Result<(), String> {
    let kind = metadata.file_type();
    if !kind.is_file() {
        let what = match how {
            Open::Read(_) => "sift reads regular files, or standard input with `-`",
            Open::Append(_) => "sift writes regular files only",
        };
        return Err(format!(
            "{name}: not a regular file ({}); {what}",
            describe(kind)
        ));
    }
    if let Some(cap) = cap
        && metadata.len() > cap.bytes as u64
    {
        return Err(too_large(name, Some(metadata.len()), cap));
    }
    Ok(())
}

fn too_large(name: &str, size: Option<u64>, cap: Cap) -> String {
    let size = size.map_or_else(String::new, |n| format!(" ({n} bytes)"));
    let limit = cap.bytes;
    match cap.of {
        None => format!(
            "{name}: larger than the file limit of {limit} bytes{size}; raise it with --max-file-bytes"
        ),
        Some(of) => format!("{name}: larger than the file limit of {limit} bytes for {of}{size}"),
    }
}

/// What a path that is not a regular file is, for messages.
pub(crate) fn describe(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_symlink() {
        "a symbolic link"
    } else {
        "not a file"
    }
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        format!(
            "{name}: not valid UTF-8 text: invalid byte at offset {offset} (0x{:02x}); sift reads UTF-8 only",
            err.as_bytes().get(offset).copied().unwrap_or_default()
        )
    })
}
