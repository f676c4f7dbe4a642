//! Byte spans into the source text.

/// A half-open byte range `start..end` into the source text. Every AST node has one.
///
/// Offsets are `u32`, which halves every span of every tree; no source reaches 4 GiB, because
/// every parser refuses a larger text before it reads it ([`MAX_SOURCE_BYTES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

/// The largest source text a [`Span`] can point into.
pub const MAX_SOURCE_BYTES: usize = u32::MAX as usize;

impl Span {
    /// The span of bytes `start..end`; an offset past [`MAX_SOURCE_BYTES`] is clamped to it.
    pub const fn new(start: usize, end: usize) -> Self {
        Self {
            start: clamp(start),
            end: clamp(end),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The first byte's offset.
    pub const fn lo(self) -> usize {
        self.start as usize
    }

    /// The offset just past the last byte.
    pub const fn hi(self) -> usize {
        self.end as usize
    }

    /// The bytes as a range, to slice the source with (`source.get(span.range())`).
    pub const fn range(self) -> std::ops::Range<usize> {
        self.lo()..self.hi()
    }

    pub const fn len(self) -> usize {
        self.hi().saturating_sub(self.lo())
    }

    pub const fn is_empty(self) -> bool {
        self.start >= self.end
    }
}

const fn clamp(offset: usize) -> u32 {
    if offset > MAX_SOURCE_BYTES {
        u32::MAX
    } else {
        offset as u32
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        miette::SourceSpan::new(span.lo().into(), span.len())
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(range: std::ops::Range<usize>) -> Self {
        Span::new(range.start, range.end)
    }
}

/// A machine-applicable fix: replace the text at `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub replacement: String,
}

/// Implemented by every diagnostic enum of every phase, so that the edge (CLI, JSON output,
/// editors) can offer the fix without knowing the phase.
pub trait SuggestFix {
    /// The machine-applicable fix, where the diagnostic has one.
    fn fix(&self) -> Option<Fix>;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    #[test]
    fn offsets_past_the_ceiling_clamp_and_limits_stay_under_it() {
        let span = Span::new(MAX_SOURCE_BYTES + 7, usize::MAX);
        assert_eq!((span.lo(), span.hi()), (MAX_SOURCE_BYTES, MAX_SOURCE_BYTES));
        assert!(span.is_empty());
        assert_eq!(Span::new(3, 9).range(), 3..9);
        let unlimited = Limits {
            max_file_bytes: usize::MAX,
            max_input_bytes: usize::MAX,
            ..Limits::default()
        };
        assert_eq!(unlimited.effective_file_bytes(), MAX_SOURCE_BYTES);
        assert_eq!(unlimited.effective_input_bytes(), MAX_SOURCE_BYTES);
    }
}
