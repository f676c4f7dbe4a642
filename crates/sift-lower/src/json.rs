//! JSON text, written straight into a `String`: strings escaped as serde_json escapes them,
//! integers without `fmt`, object entries. Both writers of the wire JSON (the model's and
//! the one lowering writes as it walks) go through these.

use std::fmt::Write as _;

/// `pointer` with `segment` appended, `~` and `/` escaped (RFC 6901): the one way every
/// reader of the wire JSON (the JSON front end, the local evaluator) names where it is.
pub fn pointer_child(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    for c in segment.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// True when `text` goes into a JSON string as it is: no `"`, `\` or control character.
/// Read eight bytes at a time: every key and most strings of the output pass through here.
#[inline(always)]
pub(crate) fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.len() {
        0 => true,
        1..=3 => bytes.iter().all(|&b| !is_special(b)),
        // Two words that overlap cover every byte: of 4 to 8 bytes with half words, of 8 to
        // 16 with whole ones.
        4..=8 => {
            let (first, last) = (first_word::<4>(bytes), last_word::<4>(bytes));
            !has_special(
                u64::from(u32::from_le_bytes(first)) << 32 | u64::from(u32::from_le_bytes(last)),
            )
        }
        9..=16 => {
            !has_special(u64::from_le_bytes(first_word::<8>(bytes)))
                && !has_special(u64::from_le_bytes(last_word::<8>(bytes)))
        }
        _ => is_plain_long(bytes),
    }
}

fn is_plain_long(bytes: &[u8]) -> bool {
    let mut words = bytes.chunks_exact(8);
    let plain = words
        .by_ref()
        .all(|w| !has_special(u64::from_le_bytes(first_word::<8>(w))));
    // The last word overlaps the ones before it, so that it is a whole word.
    plain && !has_special(u64::from_le_bytes(last_word::<8>(bytes)))
}

fn is_special(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// Whether a byte of `word` is below 0x20, a `"` or a `\` (each test is exact for "some
/// byte is", which is all that is asked).
fn has_special(word: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & HIGH;
    (below(word, 0x20)
        | below(word ^ (ONES * u64::from(b'"')), 1)
        | below(word ^ (ONES * u64::from(b'\\')), 1))
        != 0
}

fn first_word<const N: usize>(bytes: &[u8]) -> [u8; N] {
    bytes
        .get(..N)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; N])
}

fn last_word<const N: usize>(bytes: &[u8]) -> [u8; N] {
    bytes
        .get(bytes.len().saturating_sub(N)..)
        .and_then(|b| b.try_into().ok())
        .unwrap_or([0; N])
}

/// A JSON string (RFC 8259 §7): `"` and `\` escaped, the control characters as the short
/// escapes where JSON has them and `\u00XX` otherwise; everything else as it is.
#[inline]
pub(crate) fn write_string(text: &str, out: &mut String) {
    out.push('"');
    write_string_contents(text, out);
    out.push('"');
}

/// What [`write_string`] writes between the quotes.
#[inline(always)]
pub(crate) fn write_string_contents(text: &str, out: &mut String) {
    if is_plain(text) {
        out.push_str(text);
    } else {
        write_escaped(text, out);
    }
}

#[cold]
fn write_escaped(text: &str, out: &mut String) {
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        // Every byte escaped is ASCII, so `at` and `at + 1` are character boundaries.
        out.push_str(text.get(plain..at).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        plain = at + 1;
    }
    out.push_str(text.get(plain..).unwrap_or_default());
}

/// The rest of an object's key after its opening quote: the key's text and `":`.
#[inline(always)]
pub(crate) fn finish_key(key: &str, out: &mut String) {
    write_string_contents(key, out);
    out.push_str("\":");
}

/// `{"key":` — the caller writes the value and the closing brace.
pub(crate) fn open_entry(key: &str, out: &mut String) {
    out.push_str("{\"");
    finish_key(key, out);
}

/// `n` in decimal, without `fmt`'s machinery (this runs for every number of the output).
#[inline]
pub(crate) fn write_unsigned(n: u64, out: &mut String) {
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
    } else {
        write_digits(n, out);
    }
}

/// `00`, `01`, … `99`: the digits of a number are written two at a time.
const DIGIT_PAIRS: &str = {
    const BYTES: [u8; 200] = {
        let mut bytes = [0; 200];
        let mut i = 0;
        while i < 100 {
            bytes[2 * i] = b'0' + (i / 10) as u8;
            bytes[2 * i + 1] = b'0' + (i % 10) as u8;
            i += 1;
        }
        bytes
    };
    match std::str::from_utf8(&BYTES) {
        Ok(pairs) => pairs,
        Err(_) => panic!("the digit pairs are ASCII"),
    }
};

fn write_digits(mut n: u64, out: &mut String) {
    // The pairs below the leading one or two digits, least significant first.
    let mut pairs = [0u8; 10];
    let mut count = 0;
    while n >= 100 {
        pairs[count] = (n % 100) as u8;
        n /= 100;
        count += 1;
    }
    if n < 10 {
        out.push(char::from(b'0' + n as u8));
    } else {
        write_pair(n as usize, out);
    }
    for &pair in pairs[..count].iter().rev() {
        write_pair(usize::from(pair), out);
    }
}

/// The two digits of `n` (below 100).
fn write_pair(n: usize, out: &mut String) {
    out.push_str(DIGIT_PAIRS.get(2 * n..2 * n + 2).unwrap_or_default());
}

/// `n` in decimal.
#[inline]
pub(crate) fn write_integer(n: i64, out: &mut String) {
    if n < 0 {
        out.push('-');
    }
    write_unsigned(n.unsigned_abs(), out);
}
