//! Reading an entity's records from a data directory, one record at a time: `NAME.jsonl` line
//! by line, `NAME.json` (an array) element by element. Nothing is read past the point where the
//! caller says the page is complete, and no file is held in memory whole.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::de::{DeserializeSeed, Deserializer, Error as _, SeqAccess, Visitor};
use serde_json::Value;
use sift_eval::{Flow, JsonRef, tape};

/// The longest record line accepted: far above any real record, low enough that one broken
/// file without newlines cannot take the machine's memory.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// The file an entity's records are in.
#[derive(Debug, Clone)]
pub struct EntityFile {
    pub path: PathBuf,
    lines: bool,
}

/// Finds `DIR/ENTITY.jsonl` or `DIR/ENTITY.json`; when neither is a regular file, the error
/// names what stands there instead, or the directory and the entities it has.
pub fn locate(dir: &Path, entity: &str) -> Result<EntityFile, String> {
    let listing = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the data directory {}: {e}", dir.display()))?;
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
    let jsonl = dir.join(format!("{entity}.jsonl"));
    let json = dir.join(format!("{entity}.json"));
    match (jsonl.is_file(), json.is_file()) {
        (true, true) => Err(format!(
            "{} and {} both exist; keep one file per entity",
            jsonl.display(),
            json.display()
        )),
        (true, false) => Ok(EntityFile {
            path: jsonl,
            lines: true,
        }),
        (false, true) => Ok(EntityFile {
            path: json,
            lines: false,
        }),
        // A FIFO or a directory under the entity's name is named as such, not as missing
        // (opening a FIFO without a writer would block).
        (false, false)
            if let Some((path, kind)) = [&jsonl, &json].into_iter().find_map(|p| {
                let kind = std::fs::metadata(p).ok()?.file_type();
                Some((p, crate::input::describe(kind)))
            }) =>
        {
            Err(format!(
                "{}: not a regular file ({kind}); sift reads an entity's records from a regular file",
                path.display()
            ))
        }
        (false, false) => Err(format!(
            "no data for entity `{entity}` in {}: expected {entity}.jsonl or {entity}.json; the directory has {}",
            dir.display(),
            if entities.is_empty() {
                "no .jsonl or .json files".to_owned()
            } else {
                entities.join(", ")
            }
        )),
    }
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

impl Record<'_> {
    pub fn to_value(&self) -> Value {
        match self {
            Record::Scanned { node, .. } => node.to_value(),
            Record::Parsed(value) => value.clone(),
        }
    }
}

/// Reads records in file order and hands each to `on_record` until it says stop. A malformed
/// record fails the scan with file, line and column, unless `skip_bad` (JSON Lines only).
pub fn scan(
    file: &EntityFile,
    skip_bad: bool,
    on_record: &mut dyn FnMut(Value) -> Flow,
) -> Result<ScanReport, String> {
    scan_records(file, skip_bad, &mut |record| match record {
        Record::Parsed(value) => on_record(value),
        scanned => on_record(scanned.to_value()),
    })
}

/// [`scan`], handing out each record as it was read, so that a record the filter drops is never
/// built as a `Value`.
pub fn scan_records(
    file: &EntityFile,
    skip_bad: bool,
    on_record: &mut dyn FnMut(Record<'_>) -> Flow,
) -> Result<ScanReport, String> {
    let name = file.path.display().to_string();
    let handle = File::open(&file.path).map_err(|e| format!("cannot read {name}: {e}"))?;
    if file.lines {
        scan_lines(&name, handle, skip_bad, on_record)
    } else {
        let reader = BufReader::with_capacity(1 << 20, handle);
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
                    return Err(format!(
                        "{at}: malformed record: {message} (--skip-bad-records skips such lines)"
                    ));
                }
                report.skipped += 1;
                report.first_skipped.get_or_insert(at);
            }
        }
    }
    Ok(report)
}

/// A line serde_json reads: a record, or the column and message of why it is not one.
fn parse_line(text: &[u8]) -> Result<Value, (usize, String)> {
    serde_json::from_slice::<Value>(text)
        .map_err(|e| (e.column(), without_position(&e)))
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
            .map_err(|e| {
                format!(
                    "{name}:{}:{}: malformed JSON: {} (a .json file must be one array of records; --skip-bad-records works on JSON Lines only)",
                    e.line(),
                    e.column(),
                    without_position(&e)
                )
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
    pub fn count<'v, J: sift_eval::JsonRef<'v>>(&mut self, entity: &sift::Entity, record: J) {
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
