//! Records read in place: one JSON Lines record scanned into a flat tape of spans into its
//! text, with no allocation per record (the tape's buffer is reused), so the filter and the
//! sort read a record without building a `serde_json::Value`.
//!
//! The scan reads a strict subset of what serde_json reads, and nothing it does not: a text it
//! declines (invalid JSON, not an object, or a form it leaves to serde_json: an escape in a
//! key, a number with an exponent, a key repeated in one object, deep nesting, more than
//! [`MAX_KEYS`] keys in one object) goes through `serde_json::from_str` as before, which
//! reports errors with their column. So a scanned record means what its `Value` means.

use std::borrow::Cow;

use index_vec::{IndexSlice, IndexVec};
use serde_json::Value;

use sift_syntax::number::scan_number;

use crate::json::{JsonKind, JsonRef};

/// Objects with more keys are left to serde_json (repeated keys are found pairwise).
pub const MAX_KEYS: usize = 64;

/// Deeper nesting is left to serde_json (whose own limit is 128).
const MAX_DEPTH: usize = 64;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Null,
    True,
    False,
    Number,
    /// A string without escapes: its text is the span.
    Plain,
    /// A string with escapes, decoded when read.
    Escaped,
    Array,
    Object,
}

index_vec::define_index_type! {
    /// A slot of the tape. Every slot spans at least one byte of a text no longer than
    /// `u32::MAX` bytes, so every id (and the one past the last slot) fits.
    struct SlotId = u32;
}

/// One value on the tape: `start..end` is its text (a string's without quotes, byte offsets);
/// containers are followed by their elements (objects: key, value, key, value …) and `next` is
/// the slot after the last of them.
#[derive(Clone, Copy, Debug)]
struct Slot {
    tag: Tag,
    start: u32,
    end: u32,
    next: SlotId,
    len: u32,
}

// The id is a plain `u32`: a slot stays 20 bytes.
const _: () = assert!(std::mem::size_of::<Slot>() == 20);

/// A reusable tape: scan one record after another into it.
#[derive(Debug, Default)]
pub struct Tape {
    slots: IndexVec<SlotId, Slot>,
}

/// A record read by [`Tape::scan`].
#[derive(Clone, Copy, Debug)]
pub struct Scanned<'t> {
    pub record: Node<'t>,
    /// The text is exactly what serde_json writes for the record's `Value` (compact, no
    /// escapes, numbers as written), so it can be printed as it is.
    pub canonical: bool,
}

impl Tape {
    /// Scans `text` (one record: a JSON object, white space around it allowed). `None` when the
    /// scan declines it; read it with serde_json then.
    pub fn scan<'t>(&'t mut self, text: &'t str) -> Option<Scanned<'t>> {
        // Spans are u32; a longer line is left to serde_json.
        u32::try_from(text.len()).ok()?;
        self.slots.clear();
        let mut scanner = Scanner {
            text,
            bytes: text.as_bytes(),
            at: 0,
            slots: &mut self.slots,
            canonical: true,
        };
        let leading = scanner.skip_space();
        if scanner.bytes.get(scanner.at) != Some(&b'{') {
            return None;
        }
        scanner.value(MAX_DEPTH)?;
        let end = scanner.at;
        scanner.skip_space();
        if scanner.at != text.len() {
            return None;
        }
        let canonical = scanner.canonical && leading == 0 && end == text.len();
        Some(Scanned {
            record: Node {
                text,
                slots: &self.slots,
                // The record is the first value scanned.
                at: SlotId::from_raw(0),
            },
            canonical,
        })
    }
}

struct Scanner<'b> {
    text: &'b str,
    bytes: &'b [u8],
    at: usize,
    slots: &'b mut IndexVec<SlotId, Slot>,
    canonical: bool,
}

impl Scanner<'_> {
    /// Skips JSON white space; returns how much.
    fn skip_space(&mut self) -> usize {
        let from = self.at;
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
        self.at - from
    }

    fn space(&mut self) {
        if self.skip_space() > 0 {
            self.canonical = false;
        }
    }

    fn push(&mut self, tag: Tag, start: usize, end: usize) -> SlotId {
        let index = self.slots.next_idx();
        self.slots.push(Slot {
            tag,
            start: start as u32,
            end: end as u32,
            next: index + 1,
            len: 0,
        });
        index
    }

    fn literal(&mut self, word: &[u8], tag: Tag) -> Option<()> {
        if self.bytes.get(self.at..self.at + word.len())? != word {
            return None;
        }
        self.push(tag, self.at, self.at + word.len());
        self.at += word.len();
        Some(())
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        let depth = depth.checked_sub(1)?;
        match *self.bytes.get(self.at)? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(drop),
            b't' => self.literal(b"true", Tag::True),
            b'f' => self.literal(b"false", Tag::False),
            b'n' => self.literal(b"null", Tag::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// A number of the one number grammar (`sift_syntax::number`) without an exponent: one
    /// with an exponent is left to serde_json (which rewrites it).
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        // The scan stops at ASCII bytes only, so `start` is a character boundary.
        let scan = scan_number(self.text.get(start..)?).ok()?;
        let end = start + scan.len;
        if !scan.integer
            && self.bytes[start..end]
                .iter()
                .any(|b| matches!(b, b'e' | b'E'))
        {
            return None;
        }
        self.at = end;
        self.push(Tag::Number, start, end);
        Some(())
    }

    /// A string; returns its slot. Control characters are refused as serde_json refuses them;
    /// an escape must be one JSON defines, and `\u` must not be a surrogate (left to serde_json).
    fn string(&mut self) -> Option<SlotId> {
        self.at += 1;
        let start = self.at;
        let mut escaped = false;
        loop {
            // Strings in records are short: a byte loop beats a vectorised search here.
            let rest = self.bytes.get(self.at..)?;
            let stop = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            self.at += stop;
            match self.bytes[self.at] {
                b'"' => break,
                b'\\' => {}
                _ => return None,
            }
            escaped = true;
            match *self.bytes.get(self.at + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 2,
                b'u' => {
                    let hex = self.bytes.get(self.at + 2..self.at + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    let unit = u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                    if (0xd800..0xe000).contains(&unit) {
                        return None;
                    }
                    self.at += 6;
                }
                _ => return None,
            }
        }
        let tag = if escaped { Tag::Escaped } else { Tag::Plain };
        if escaped {
            self.canonical = false;
        }
        let slot = self.push(tag, start, self.at);
        self.at += 1;
        Some(slot)
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        let slot = self.push(Tag::Array, self.at, self.at);
        self.at += 1;
        self.space();
        let mut len = 0;
        if self.bytes.get(self.at) == Some(&b']') {
            self.at += 1;
        } else {
            loop {
                self.value(depth)?;
                len += 1;
                self.space();
                match *self.bytes.get(self.at)? {
                    b',' => {
                        self.at += 1;
                        self.space();
                    }
                    b']' => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.close(slot, len);
        Some(())
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        let slot = self.push(Tag::Object, self.at, self.at);
        self.at += 1;
        self.space();
        let mut keys: [(u32, u32); MAX_KEYS] = [(0, 0); MAX_KEYS];
        let mut len = 0;
        if self.bytes.get(self.at) == Some(&b'}') {
            self.at += 1;
        } else {
            loop {
                if self.bytes.get(self.at) != Some(&b'"') || len == MAX_KEYS {
                    return None;
                }
                let key = self.string()?;
                let key = self.slots[key];
                if key.tag == Tag::Escaped {
                    return None;
                }
                let text = &self.bytes[key.start as usize..key.end as usize];
                if keys[..len]
                    .iter()
                    .any(|&(s, e)| same_key(&self.bytes[s as usize..e as usize], text))
                {
                    return None;
                }
                keys[len] = (key.start, key.end);
                len += 1;
                self.space();
                if self.bytes.get(self.at) != Some(&b':') {
                    return None;
                }
                self.at += 1;
                self.space();
                self.value(depth)?;
                self.space();
                match *self.bytes.get(self.at)? {
                    b',' => {
                        self.at += 1;
                        self.space();
                    }
                    b'}' => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.close(slot, len);
        Some(())
    }

    fn close(&mut self, slot: SlotId, len: usize) {
        let next = self.slots.next_idx();
        let container = &mut self.slots[slot];
        container.next = next;
        container.len = len as u32;
        container.end = self.at as u32;
    }
}

/// Key equality, with the cheap tests first (most keys differ in length or first byte).
fn same_key(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && a == b
}

/// A value on a scanned tape.
#[derive(Clone, Copy, Debug)]
pub struct Node<'t> {
    text: &'t str,
    slots: &'t IndexSlice<SlotId, [Slot]>,
    at: SlotId,
}

impl<'t> Node<'t> {
    fn slot(self) -> Slot {
        self.slots[self.at]
    }

    fn span(self) -> &'t str {
        let slot = self.slot();
        &self.text[slot.start as usize..slot.end as usize]
    }

    fn at(self, at: SlotId) -> Node<'t> {
        Node { at, ..self }
    }

    /// The slots of a container's elements, in order.
    fn children(self) -> impl Iterator<Item = Node<'t>> {
        let slot = self.slot();
        let mut at = self.at + 1;
        (0..slot.len).map(move |_| {
            let node = self.at(at);
            at = self.slots[at].next;
            node
        })
    }

    fn pairs(self) -> impl Iterator<Item = (Node<'t>, Node<'t>)> {
        let slot = self.slot();
        let mut at = self.at + 1;
        let count = if slot.tag == Tag::Object { slot.len } else { 0 };
        (0..count).map(move |_| {
            let key = self.at(at);
            let value = self.at(at + 1);
            at = self.slots[at + 1].next;
            (key, value)
        })
    }
}

impl<'t> JsonRef<'t> for Node<'t> {
    fn kind(self) -> JsonKind {
        match self.slot().tag {
            Tag::Null => JsonKind::Null,
            Tag::True | Tag::False => JsonKind::Bool,
            Tag::Number => JsonKind::Number,
            Tag::Plain | Tag::Escaped => JsonKind::String,
            Tag::Array => JsonKind::Array,
            Tag::Object => JsonKind::Object,
        }
    }

    fn as_bool(self) -> Option<bool> {
        match self.slot().tag {
            Tag::True => Some(true),
            Tag::False => Some(false),
            _ => None,
        }
    }

    fn number_text(self) -> Option<&'t str> {
        (self.slot().tag == Tag::Number).then(|| self.span())
    }

    fn text(self) -> Option<Cow<'t, str>> {
        match self.slot().tag {
            Tag::Plain => Some(Cow::Borrowed(self.span())),
            // The scan checked every escape, so serde_json reads the quoted text.
            Tag::Escaped => {
                let slot = self.slot();
                let quoted = &self.text[slot.start as usize - 1..slot.end as usize + 1];
                serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
            }
            _ => None,
        }
    }

    fn get(self, key: &str) -> Option<Self> {
        // Keys have no escapes (the scan declines them), so their span is their text.
        self.pairs()
            .find(|(name, _)| same_key(name.span().as_bytes(), key.as_bytes()))
            .map(|(_, value)| value)
    }

    fn items(self) -> impl Iterator<Item = Self> {
        let is_array = self.slot().tag == Tag::Array;
        self.children().filter(move |_| is_array)
    }

    fn entries(self) -> impl Iterator<Item = (Cow<'t, str>, Self)> {
        self.pairs()
            .map(|(key, value)| (Cow::Borrowed(key.span()), value))
    }

    fn count(self) -> usize {
        match self.slot().tag {
            Tag::Array | Tag::Object => self.slot().len as usize,
            _ => 0,
        }
    }

    fn to_value(self) -> Value {
        match self.slot().tag {
            Tag::Null => Value::Null,
            Tag::True => Value::Bool(true),
            Tag::False => Value::Bool(false),
            Tag::Number => serde_json::from_str(self.span()).unwrap_or(Value::Null),
            Tag::Plain | Tag::Escaped => {
                Value::String(self.text().unwrap_or_default().into_owned())
            }
            Tag::Array => Value::Array(self.items().map(Node::to_value).collect()),
            Tag::Object => Value::Object(
                self.entries()
                    .map(|(key, value)| (key.into_owned(), value.to_value()))
                    .collect(),
            ),
        }
    }
}
