//! Reading an entity's records from a data directory, one record at a time: `NAME.jsonl` line
//! by line, `NAME.json` (an array) element by element. Nothing is read past the point where the
//! caller says the page is complete, and no file is held in memory whole.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::de::{DeserializeSeed, Deserializer, Error as _, SeqAccess, Visitor};
use serde_json::Value;
use sift_eval::{Flow, tape};

use crate::input::shown;
use crate::render::escape::escape_line;

/// The longest record line accepted: far above any real record, low enough that one broken
/// file without newlines cannot take the machine's memory.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// The file an entity's records are in.
#[derive(Debug, Clone)]
pub struct EntityFile {
    pub path: PathBuf,
    lines: bool,
}

/// Finds `DIR/ENTITY.jsonl` or `DIR/ENTITY.json`. What stands under either name must be a
/// regular file (or a link to one); anything else is named as what it is (a FIFO, a directory,
/// a link that loops or leads nowhere). When neither name exists, the error says so and names
/// the directory's entities, at most [`NAMES_SHOWN`] of them (the nearest first).
pub fn locate(dir: &Path, entity: &str) -> Result<EntityFile, String> {
    // An entity is a name, never a path: a request's entity must not reach outside `dir`.
    if entity.is_empty() || entity.contains(['/', '\\', '\0']) {
        return Err(format!(
            "entity `{}`: an entity is a name, not a path (no `/`, `\\` or NUL)",
            crate::render::escape::escape_line(entity)
        ));
    }
    let jsonl = dir.join(format!("{entity}.jsonl"));
    let json = dir.join(format!("{entity}.json"));
    let present = |path: &Path| path.symlink_metadata().is_ok();
    match (present(&jsonl), present(&json)) {
        (true, true) => Err(format!(
            "{} and {} both exist; keep one file per entity",
            shown(&jsonl),
            shown(&json)
        )),
        (true, false) => regular(jsonl, true),
        (false, true) => regular(json, false),
        (false, false) => Err(missing(dir, entity)?),
    }
}

/// The most entity names an error lists.
const NAMES_SHOWN: usize = 12;

/// The entity file at `path`, when it is a regular file or leads to one.
fn regular(path: PathBuf, lines: bool) -> Result<EntityFile, String> {
    let name = shown(&path);
    match std::fs::metadata(&path) {
        Ok(metadata) if metadata.is_file() => Ok(EntityFile { path, lines }),
        Ok(metadata) => Err(format!(
            "{name}: not a regular file ({}); sift reads an entity's records from a regular file",
            crate::input::describe(metadata.file_type())
        )),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(format!(
            "{name}: a symbolic link that leads back to itself (a loop); sift reads an entity's \
             records from a regular file"
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "{name}: a symbolic link to a file that does not exist"
        )),
        Err(e) => Err(format!("cannot read {name}: {e}")),
    }
}

/// Why there is no data for `entity` in `dir`: the names it has, bounded.
fn missing(dir: &Path, entity: &str) -> Result<String, String> {
    let listing = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the data directory {}: {e}", shown(dir)))?;
    let mut entities: Vec<String> = listing
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let path = entry.path();
            let ext = path.extension()?.to_str()?;
            (ext == "jsonl" || ext == "json")
                .then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect();
    entities.sort();
    entities.dedup();
    let has = match entities.len() {
        0 => "no .jsonl or .json files".to_owned(),
        n if n <= NAMES_SHOWN => escaped_list(entities.iter()),
        n => {
            let near = sift::completion::suggest(entity, entities.iter().map(String::as_str));
            let (what, names) = if near.is_empty() {
                ("the first", escaped_list(entities.iter().take(NAMES_SHOWN)))
            } else {
                ("the nearest", escaped_list(near.iter().take(NAMES_SHOWN)))
            };
            format!("{n} entity files; {what}: {names}")
        }
    };
    let entity = escape_line(entity);
    Ok(format!(
        "no data for entity `{entity}` in {}: expected {entity}.jsonl or {entity}.json; the \
         directory has {has}",
        shown(dir)
    ))
}

fn escaped_list<S: AsRef<str>>(names: impl Iterator<Item = S>) -> String {
    names
        .map(|n| escape_line(n.as_ref()).into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a scan saw besides the records it delivered.
#[derive(Debug, Default)]
pub struct ScanReport {
    pub read: u64,
    /// Malformed lines skipped (with `--skip-bad-records`), with the first one's location.
    pub skipped: u64,
    pub first_skipped: Option<String>,
}

/// One record as the scan read it.
#[derive(Debug)]
pub enum Record<'t> {
    /// Read in place (most lines): the record's view on the tape and its text; `canonical` when
    /// the text is exactly what serde_json writes for the record.
    Scanned {
        node: tape::Node<'t>,
        text: &'t str,
        canonical: bool,
    },
    /// Read by serde_json (a form the tape leaves to it, or a `.json` array's element).
    Parsed(Value),
}

/// Reads records in file order and hands each to `on_record`, as it was read, until it says
/// stop, so that a record the filter drops is never built as a `Value`. A malformed record
/// fails the scan with file, line and column, unless `skip_bad` (JSON Lines only).
pub fn scan_records(
    file: &EntityFile,
    skip_bad: bool,
    on_record: &mut dyn FnMut(Record<'_>) -> Flow,
) -> Result<ScanReport, String> {
    let name = shown(&file.path);
    // Streamed: no size cap; each line is bounded by the reader.
    let (handle, _) = crate::input::open(&file.path, crate::input::Open::Read(None))?;
    if file.lines {
        scan_lines(&name, handle, skip_bad, on_record)
    } else {
        let mut reader = BufReader::with_capacity(1 << 20, handle);
        // A byte order mark before the array is skipped, as the other readers skip it.
        if reader
            .fill_buf()
            .map_err(|e| format!("cannot read {name}: {e}"))?
            .starts_with(BOM)
        {
            reader.consume(BOM.len());
        }
        scan_array(&name, reader, &mut |value| on_record(Record::Parsed(value)))
    }
}

/// How much a JSON Lines scan reads at a time.
const CHUNK: usize = 1 << 20;

/// Reads big chunks and splits them at line breaks with memchr; a line the tape reads costs no
/// allocation, any other goes through serde_json as before (its errors name line and column).
fn scan_lines(
    name: &str,
    mut reader: impl Read,
    skip_bad: bool,
    on_record: &mut dyn FnMut(Record<'_>) -> Flow,
) -> Result<ScanReport, String> {
    let mut report = ScanReport::default();
    let mut tape = tape::Tape::default();
    let mut buffer: Vec<u8> = Vec::with_capacity(2 * CHUNK);
    let (mut start, mut number, mut eof) = (0usize, 0u64, false);
    let too_long = |number: u64| {
        format!(
            "{name}:{number}: a record longer than {} MiB; is this a JSON Lines file?",
            MAX_RECORD_BYTES >> 20
        )
    };
    loop {
        let line = match memchr::memchr(b'\n', &buffer[start..]) {
            Some(at) => &buffer[start..start + at + 1],
            None if eof && start < buffer.len() => &buffer[start..],
            None if eof => break,
            None => {
                buffer.drain(..start);
                start = 0;
                if buffer.len() as u64 > MAX_RECORD_BYTES {
                    return Err(too_long(number + 1));
                }
                let filled = buffer.len();
                buffer.resize(filled + CHUNK, 0);
                let read = loop {
                    match reader.read(&mut buffer[filled..]) {
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        other => break other.map_err(|e| format!("cannot read {name}: {e}"))?,
                    }
                };
                buffer.truncate(filled + read);
                eof = read == 0;
                continue;
            }
        };
        start += line.len();
        number += 1;
        if line.len() as u64 > MAX_RECORD_BYTES {
            return Err(too_long(number));
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // Without its line break, an error at the end of the line has a real column, not
        // "line 2, column 0".
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        // A byte order mark opening the file is skipped, as the other readers skip it.
        let text = match number {
            1 => text.strip_prefix(BOM).unwrap_or(text),
            _ => text,
        };
        let scanned = std::str::from_utf8(text)
            .ok()
            .and_then(|text| Some((text, tape.scan(text)?)));
        let parsed = match scanned {
            Some((text, scanned)) => Ok(Record::Scanned {
                node: scanned.record,
                text,
                canonical: scanned.canonical,
            }),
            None => parse_line(text).map(Record::Parsed),
        };
        match parsed {
            Ok(record) => {
                report.read += 1;
                if on_record(record) == Flow::Stop {
                    break;
                }
            }
            Err((column, message)) => {
                let at = format!("{name}:{number}:{column}");
                if !skip_bad {
                    let what = if message.starts_with("a record nested deeper") {
                        ""
                    } else {
                        "malformed record: "
                    };
                    return Err(format!(
                        "{at}: {what}{message} (--skip-bad-records skips such lines)"
                    ));
                }
                report.skipped += 1;
                report.first_skipped.get_or_insert(at);
            }
        }
    }
    Ok(report)
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// The deepest record serde_json reads, in levels of arrays and objects with the record itself
/// counted (its recursion limit, 128, is reached by the 128th level).
const MAX_NESTING: usize = 127;

/// serde_json's error for a value nested deeper than it reads, said as what it is: the record
/// is not malformed, it is beyond a bound.
fn too_deep(error: &serde_json::Error) -> Option<String> {
    error
        .to_string()
        .starts_with("recursion limit exceeded")
        .then(|| {
            format!(
                "a record nested deeper than {MAX_NESTING} levels of arrays and objects (the \
                 record itself counted), the most sift reads"
            )
        })
}

/// A line serde_json reads: a record, or the column and message of why it is not one.
fn parse_line(text: &[u8]) -> Result<Value, (usize, String)> {
    serde_json::from_slice::<Value>(text)
        .map_err(|e| {
            (
                e.column(),
                too_deep(&e).unwrap_or_else(|| without_position(&e)),
            )
        })
        .and_then(|value| match value {
            Value::Object(_) => Ok(value),
            other => Err((
                1,
                format!(
                    "a record is a JSON object, not {}",
                    sift_eval::json_type(&other)
                ),
            )),
        })
}

/// serde_json's message without its " at line L column C" tail (the caller says where).
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let tail = format!(" at line {} column {}", error.line(), error.column());
    text.strip_suffix(&tail).unwrap_or(&text).to_owned()
}

fn scan_array(
    name: &str,
    reader: impl Read,
    on_record: &mut dyn FnMut(Value) -> Flow,
) -> Result<ScanReport, String> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let mut elements = Elements {
        on_record,
        read: 0,
        stopped: false,
        not_object: None,
    };
    let outcome = (&mut elements).deserialize(&mut deserializer);
    if let Some((index, found)) = elements.not_object {
        return Err(format!(
            "{name}: element {index} of the array is {found}; a record is a JSON object"
        ));
    }
    if !elements.stopped {
        outcome
            .and_then(|()| deserializer.end())
            .map_err(|e| match too_deep(&e) {
                // The array is one of the levels.
                Some(_) => format!(
                    "{name}:{}:{}: a record nested deeper than {} levels of arrays and objects \
                     (the record itself counted), the most sift reads in the array of a .json file",
                    e.line(),
                    e.column(),
                    MAX_NESTING - 1
                ),
                None => format!(
                    "{name}:{}:{}: malformed JSON: {} (a .json file must be one array of records; --skip-bad-records works on JSON Lines only)",
                    e.line(),
                    e.column(),
                    without_position(&e)
                ),
            })?;
    }
    Ok(ScanReport {
        read: elements.read,
        ..ScanReport::default()
    })
}

/// Visits the top-level array one element at a time, so memory holds one record.
struct Elements<'f> {
    on_record: &'f mut dyn FnMut(Value) -> Flow,
    read: u64,
    stopped: bool,
    not_object: Option<(u64, &'static str)>,
}

impl<'de> DeserializeSeed<'de> for &mut Elements<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for &mut Elements<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            if !value.is_object() {
                self.not_object = Some((self.read, sift_eval::json_type(&value)));
                return Err(A::Error::custom("not an object"));
            }
            self.read += 1;
            if (self.on_record)(value) == Flow::Stop {
                self.stopped = true;
                return Err(A::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Values whose JSON type differs from the schema, counted per field path.
#[derive(Debug, Default)]
pub struct Mismatches {
    pub by_path: BTreeMap<String, (u64, BTreeMap<&'static str, u64>)>,
}

impl Mismatches {
    pub fn count<'v, J: sift_eval::JsonRef<'v>>(
        &mut self,
        entity: &sift::schema::Entity,
        record: J,
    ) {
        for path in sift_eval::mismatches(entity, record) {
            let found = sift_eval::lookup(record, &path).map_or("missing", sift_eval::json_type);
            let (total, types) = self.by_path.entry(path).or_default();
            *total += 1;
            *types.entry(found).or_default() += 1;
        }
    }

    pub fn total(&self) -> u64 {
        self.by_path.values().map(|(n, _)| n).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::locate;

    #[test]
    fn an_entity_is_a_name_not_a_path() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for entity in ["../src/main", "/etc/passwd", "a\\b", "a\0b", ""] {
            let refused = locate(dir, entity).err().unwrap_or_default();
            assert!(refused.contains("not a path"), "{entity:?}: {refused}");
        }
    }
}
