//! Byte offsets ⇄ LSP positions. A position's `character` counts UTF-8 bytes or UTF-16 code
//! units, as negotiated at `initialize`; lines end at LF, CR or CRLF, as sift's lexer decides
//! (`sift_syntax::line_break_len`), which is also what the protocol says.

use lsp_types::{Position, Range};

/// The unit a position's `character` counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8: a byte offset within the line.
    Utf8,
    /// Code units of UTF-16: the protocol's default.
    #[default]
    Utf16,
}

/// Where each line of one text starts, indexed once per version of a document.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// Whether the text is all ASCII: then every unit is a byte, and no line needs scanning.
    ascii: bool,
}

impl LineIndex {
    /// Indexes the lines of `text`, in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(next) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            let brk = at + next;
            at = brk + sift_syntax::line_break_len(bytes, brk).max(1);
            starts.push(at);
        }
        LineIndex {
            starts,
            ascii: text.is_ascii(),
        }
    }

    /// The byte range of line `line` without its terminator (empty past the last line).
    fn line_text<'t>(&self, text: &'t str, line: usize) -> (usize, &'t str) {
        let Some(&start) = self.starts.get(line) else {
            return (text.len(), "");
        };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let body = text.get(start..end).unwrap_or("");
        let body = body.trim_end_matches(['\n', '\r']);
        (start, body)
    }

    /// The whole lines around bytes `lo..hi`: the start of `lo`'s line and the start of the
    /// line after `hi`'s (or the text's end).
    pub fn lines_around(&self, text: &str, lo: usize, hi: usize) -> (usize, usize) {
        let line_of = |offset: usize| self.starts.partition_point(|&s| s <= offset) - 1;
        let first = self.starts[line_of(lo)];
        let last = self
            .starts
            .get(line_of(hi) + 1)
            .copied()
            .unwrap_or(text.len());
        (first, last)
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let before = &text[start..offset];
        let character = match encoding {
            _ if self.ascii => before.len(),
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    /// The range of bytes `lo..hi`.
    pub fn range(&self, text: &str, lo: usize, hi: usize, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, lo, encoding),
            self.position(text, hi.max(lo), encoding),
        )
    }

    /// The byte offset of `position`: a character past the line's end is its end, a line past
    /// the text's end is the text's end, and a position inside a character (a UTF-16 unit in
    /// the middle of a surrogate pair, a byte in the middle of a UTF-8 sequence) is that
    /// character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let (start, body) = self.line_text(text, position.line as usize);
        let wanted = position.character as usize;
        if self.ascii || encoding == Encoding::Utf8 {
            let mut at = wanted.min(body.len());
            while !body.is_char_boundary(at) {
                at -= 1;
            }
            return start + at;
        }
        let mut units = 0;
        for (at, c) in body.char_indices() {
            units += c.len_utf16();
            if units > wanted {
                return start + at;
            }
        }
        start + body.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, encoding: Encoding) {
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            // Between the CR and the LF of a CRLF is no place a position can name.
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let position = index.position(text, offset, encoding);
            assert_eq!(
                index.offset(text, position, encoding),
                offset,
                "{text:?} @{offset}"
            );
        }
    }

    #[test]
    fn cjk_emoji_and_combining_marks_convert_exactly() {
        // `漢` is 3 bytes and 1 UTF-16 unit; `😀` 4 bytes and 2 units; `é` here is `e` and a
        // combining acute accent (1 + 2 bytes, 1 + 1 units).
        let text = "a 漢😀e\u{301} = 1\r\nx\ry\n😀";
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            round_trip(text, encoding);
        }
        let index = LineIndex::new(text);
        let equals = text.find('=').unwrap_or_default();
        assert_eq!(
            index.position(text, equals, Encoding::Utf16),
            Position::new(0, 8)
        );
        assert_eq!(
            index.position(text, equals, Encoding::Utf8),
            Position::new(0, 13)
        );
        assert_eq!(
            index.position(text, text.len(), Encoding::Utf16),
            Position::new(3, 2)
        );
    }

    #[test]
    fn positions_inside_a_character_or_past_a_line_are_clamped() {
        let text = "😀x\nab";
        let index = LineIndex::new(text);
        // The second unit of the surrogate pair is inside `😀`.
        assert_eq!(index.offset(text, Position::new(0, 1), Encoding::Utf16), 0);
        assert_eq!(index.offset(text, Position::new(0, 2), Encoding::Utf8), 0);
        assert_eq!(index.offset(text, Position::new(0, 99), Encoding::Utf16), 5);
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            index.position(text, 2, Encoding::Utf16),
            Position::new(0, 0)
        );
    }
}
