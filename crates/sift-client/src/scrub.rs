//! Cutting secrets out of server text, before it is bounded: a server that echoes a
//! credential, whole or cut short by itself, cannot put any of it into an error.
//!
//! A secret of [`MIN_SECRET_RUN`] bytes or more is removed wherever any run of
//! [`MIN_SECRET_RUN`] of its bytes appears (so a prefix, a suffix or a middle piece the server
//! kept is found too); a shorter one wherever it appears whole. One pass over the text, with a
//! small bit filter in front of the set of the secrets' windows: linear in the text.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::request::REDACTED;

/// The shortest run of a secret's bytes that is cut out of server text.
pub const MIN_SECRET_RUN: usize = 8;

const FILTER_BITS: usize = 1 << 16;

/// `text` with every piece of a secret (see the module) replaced by [`REDACTED`]; adjacent
/// pieces become one. Borrowed when nothing was found.
pub(crate) fn scrub<'t>(text: &'t str, secrets: &[&str]) -> Cow<'t, str> {
    let mut spans = Vec::new();
    let windows = Windows::of(secrets);
    if !windows.set.is_empty() {
        let bytes = text.as_bytes();
        for (at, window) in bytes.windows(MIN_SECRET_RUN).enumerate() {
            if windows.contains(window_key(window)) {
                spans.push((at, at + MIN_SECRET_RUN));
            }
        }
    }
    for secret in secrets
        .iter()
        .filter(|s| !s.is_empty() && s.len() < MIN_SECRET_RUN)
    {
        spans.extend(
            text.match_indices(*secret)
                .map(|(at, found)| (at, at + found.len())),
        );
    }
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    // Widened to whole characters, so the text stays UTF-8 and no byte of a run is left.
    for span in &mut spans {
        *span = (
            floor_char_boundary(text, span.0),
            ceil_char_boundary(text, span.1),
        );
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut written = 0;
    let mut spans = spans.into_iter().peekable();
    while let Some((start, mut end)) = spans.next() {
        while let Some(&(next_start, next_end)) = spans.peek()
            && next_start <= end
        {
            end = end.max(next_end);
            spans.next();
        }
        out.push_str(&text[written..start]);
        out.push_str(REDACTED);
        written = end;
    }
    out.push_str(&text[written..]);
    Cow::Owned(out)
}

/// Every [`MIN_SECRET_RUN`]-byte window of the long secrets, with a bit filter that rejects
/// most text windows without a hash lookup.
struct Windows {
    set: HashSet<u64>,
    filter: Vec<u64>,
}

impl Windows {
    fn of(secrets: &[&str]) -> Windows {
        let mut windows = Windows {
            set: HashSet::new(),
            filter: vec![0; FILTER_BITS / 64],
        };
        for secret in secrets.iter().filter(|s| s.len() >= MIN_SECRET_RUN) {
            for window in secret.as_bytes().windows(MIN_SECRET_RUN) {
                let key = window_key(window);
                let bit = filter_bit(key);
                windows.filter[bit / 64] |= 1 << (bit % 64);
                windows.set.insert(key);
            }
        }
        windows
    }

    fn contains(&self, key: u64) -> bool {
        let bit = filter_bit(key);
        self.filter[bit / 64] & (1 << (bit % 64)) != 0 && self.set.contains(&key)
    }
}

fn window_key(window: &[u8]) -> u64 {
    let mut bytes = [0u8; MIN_SECRET_RUN];
    bytes.copy_from_slice(window);
    u64::from_le_bytes(bytes)
}

fn filter_bit(key: u64) -> usize {
    // Fibonacci hashing: the top 16 bits of the product spread every byte of the window.
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_partial_echoes_are_cut() {
        let secret = "tok-0123456789abcdef";
        assert_eq!(
            scrub("a tok-0123456789abcdef b", &[secret]),
            "a <redacted> b"
        );
        assert_eq!(scrub("cut: tok-0123 end", &[secret]), "cut: <redacted> end");
        assert_eq!(scrub("tail 89abcdef", &[secret]), "tail <redacted>");
        // Seven bytes of it are not a run.
        assert_eq!(scrub("tok-012", &[secret]), "tok-012");
        assert_eq!(
            scrub("tok-0123456789abcdeftok-0123456789abcdef!", &[secret]),
            "<redacted>!"
        );
        assert!(matches!(scrub("nothing here", &[secret]), Cow::Borrowed(_)));
    }

    #[test]
    fn short_secrets_are_cut_whole_and_text_stays_utf8() {
        assert_eq!(
            scrub("x=abc; y=abc", &["abc", ""]),
            "x=<redacted>; y=<redacted>"
        );
        let secret = "é-secret-é";
        assert_eq!(scrub("«é-secret-é»", &[secret]), "«<redacted>»");
        assert_eq!(scrub("", &[secret]), "");
    }
}
