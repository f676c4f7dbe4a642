//! The source a diagnostic's snippet is drawn from: only the lines its labels touch (and one
//! line either side), each cut to windows around the labels with `…` where text is left out,
//! and every character that [`needs_escape`] escaped. The drawing library then measures
//! columns in this short text only, so a diagnostic costs the same on a 10 MB one-line input
//! as on a short one, and labels 70 000 columns apart are drawn a few columns apart. Line
//! numbers and the header's column are the original ones.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use sift::syntax::SourceIndex;

use super::escape::{needs_escape, push_escaped};

/// Bytes of a line kept on either side of a label.
pub const REACH: usize = 160;
/// Most lines a label's underline runs over; a longer label is cut at that line's end.
const MAX_LABEL_LINES: usize = 4;
/// Lines shown either side of a label (as the drawing library asks for).
const CONTEXT_LINES: usize = 1;
const ELIDED: &str = "…";

/// One line of the excerpt.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Its byte range in the excerpt text (without the line feed).
    start: usize,
    end: usize,
    /// Its 0-based line number in the source.
    number: usize,
}

#[derive(Debug)]
pub struct Excerpt {
    name: String,
    /// Lines of the file before the source (a JSON Lines document's), added to every number.
    first_line: usize,
    text: String,
    lines: Vec<Line>,
    /// Excerpt offset of each label start, with its column in the source.
    columns: Vec<(usize, usize)>,
}

/// A label as the excerpt draws it: start and length in the excerpt text.
pub type Placed = (usize, usize);

impl Excerpt {
    /// The excerpt of `index`'s source for `labels` (byte ranges in the source), and where
    /// each label lands in it; the source starts on line `first_line + 1` of the file `name`.
    pub fn new(
        (name, first_line): (&str, usize),
        index: &SourceIndex<'_>,
        labels: &[(usize, usize)],
    ) -> (Self, Vec<Placed>) {
        let ranges: Vec<(usize, usize)> = labels
            .iter()
            .map(|&(start, end)| clip(index, start, end))
            .collect();
        let last_line = index.line_count() - 1;
        let mut numbers: Vec<usize> = ranges
            .iter()
            .flat_map(|&(start, end)| {
                let first = index.line_of(start).saturating_sub(CONTEXT_LINES);
                let last = (index.line_of(end) + CONTEXT_LINES).min(last_line);
                first..=last
            })
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        // Every label end, in source order, to be located in the excerpt as it is written.
        let mut ends: Vec<(usize, usize)> = ranges
            .iter()
            .enumerate()
            .flat_map(|(i, &(start, end))| [(start, 2 * i), (end, 2 * i + 1)])
            .collect();
        ends.sort_unstable();
        let mut writer = Writer {
            out: String::new(),
            ends: &ends,
            next: 0,
            placed: vec![0; ends.len()],
        };
        let mut lines = Vec::with_capacity(numbers.len());
        for (k, &number) in numbers.iter().enumerate() {
            if k > 0 {
                writer.out.push('\n');
            }
            let start = writer.out.len();
            let line = index.line_range(number);
            let windows = windows(index, line.clone(), &ranges);
            let mut at = line.start;
            for (lo, hi) in windows {
                if lo > at {
                    writer.place_up_to(lo);
                    if !writer.out.ends_with(ELIDED) {
                        writer.out.push_str(if at == line.start { "" } else { " " });
                        writer.out.push_str(ELIDED);
                        writer.out.push(' ');
                    }
                }
                writer.write(index, lo, hi);
                at = hi;
            }
            writer.place_up_to(at);
            if at < line.end {
                writer.out.push(' ');
                writer.out.push_str(ELIDED);
            }
            writer.place_up_to(line.end);
            lines.push(Line {
                start,
                end: writer.out.len(),
                number,
            });
        }
        writer.place_up_to(usize::MAX);
        let placed: Vec<Placed> = (0..ranges.len())
            .map(|i| {
                let (start, end) = (writer.placed[2 * i], writer.placed[2 * i + 1]);
                (start, end.saturating_sub(start))
            })
            .collect();
        let columns = ranges
            .iter()
            .zip(&placed)
            .map(|(&(start, _), &(at, _))| (at, index.column_of(start)))
            .collect();
        let excerpt = Excerpt {
            name: super::escape::escape_line(name).into_owned(),
            first_line,
            text: writer.out,
            lines,
            columns,
        };
        (excerpt, placed)
    }

    /// The excerpt line holding excerpt offset `at`.
    fn line_at(&self, at: usize) -> usize {
        self.lines
            .partition_point(|line| line.start <= at)
            .saturating_sub(1)
    }

    /// Whether excerpt lines `k` and `k + 1` are neighbours in the source.
    fn adjacent(&self, k: usize) -> bool {
        match (self.lines.get(k), self.lines.get(k + 1)) {
            (Some(a), Some(b)) => a.number + 1 == b.number,
            _ => false,
        }
    }
}

/// A label's byte range, on character boundaries and over at most [`MAX_LABEL_LINES`] lines.
fn clip(index: &SourceIndex<'_>, start: usize, end: usize) -> (usize, usize) {
    let start = floor_char_boundary(index, start.min(index.len()));
    let end = ceil_char_boundary(index, end.clamp(start, index.len()));
    let first = index.line_of(start);
    let limit = index.line_range(first + MAX_LABEL_LINES - 1).end;
    let end = if index.line_of(end) >= first + MAX_LABEL_LINES {
        limit.max(start)
    } else {
        end
    };
    // A long label keeps its start and as much as a window shows.
    let end = if end - start > 2 * REACH {
        floor_char_boundary(index, start + 2 * REACH)
    } else {
        end
    };
    (start, end)
}

/// The byte windows of `line` to show: [`REACH`] bytes around each label part on it (the line's
/// start when no label is on it), stretched to the line's ends when those are near, merged
/// where they overlap.
fn windows(
    index: &SourceIndex<'_>,
    line: std::ops::Range<usize>,
    labels: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = labels
        .iter()
        .filter(|&&(start, end)| start <= line.end && end >= line.start)
        .map(|&(start, end)| {
            let (a, b) = (start.max(line.start), end.clamp(line.start, line.end));
            (
                a.saturating_sub(REACH).max(line.start),
                (b + REACH).min(line.end),
            )
        })
        .collect();
    if found.is_empty() {
        found.push((line.start, (line.start + 2 * REACH).min(line.end)));
    }
    found.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (lo, hi) in found {
        let lo = if lo - line.start <= REACH {
            line.start
        } else {
            lo
        };
        let hi = if line.end - hi <= REACH { line.end } else { hi };
        let (lo, hi) = (
            floor_char_boundary(index, lo),
            ceil_char_boundary(index, hi),
        );
        match merged.last_mut() {
            Some(last) if lo <= last.1 + ELIDED.len() + 2 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    merged
}

/// Writes the excerpt text and notes where each label end lands in it.
struct Writer<'e> {
    out: String,
    /// Label ends `(source offset, slot)`, sorted.
    ends: &'e [(usize, usize)],
    next: usize,
    placed: Vec<usize>,
}

impl Writer<'_> {
    /// Places every label end before or at source offset `at` here.
    fn place_up_to(&mut self, at: usize) {
        while let Some(&(offset, slot)) = self.ends.get(self.next) {
            if offset > at {
                break;
            }
            if let Some(place) = self.placed.get_mut(slot) {
                *place = self.out.len();
            }
            self.next += 1;
        }
    }

    /// Writes source bytes `lo..hi` (character boundaries), escaped.
    fn write(&mut self, index: &SourceIndex<'_>, lo: usize, hi: usize) {
        let Some(part) = index.slice(lo..hi) else {
            return;
        };
        for (i, c) in part.char_indices() {
            self.place_up_to(lo + i);
            if needs_escape(c) || c == '\n' {
                push_escaped(&mut self.out, c);
            } else {
                self.out.push(c);
            }
        }
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if self.lines.is_empty() || span.offset() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let start = span.offset();
        let end = (start + span.len()).min(self.text.len());
        let first_line = self.line_at(start);
        let last_line = self.line_at(end.saturating_sub(1).max(start));
        let mut first = first_line;
        while first > 0 && first_line - first < before && self.adjacent(first - 1) {
            first -= 1;
        }
        let mut last = last_line;
        while last - last_line < after && self.adjacent(last) {
            last += 1;
        }
        let from = if before == 0 {
            start
        } else {
            self.lines[first].start
        };
        let to = self.lines[last].end;
        let column = if before == 0 {
            self.columns
                .iter()
                .find(|(at, _)| *at == start)
                .map_or_else(
                    || self.text[self.lines[first].start..start].chars().count(),
                    |c| c.1,
                )
        } else {
            0
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            SourceSpan::from(from..to),
            self.lines[first].number + self.first_line,
            column,
            last - first + 1,
        )))
    }
}

fn floor_char_boundary(index: &SourceIndex<'_>, mut i: usize) -> usize {
    while !index.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char_boundary(index: &SourceIndex<'_>, mut i: usize) -> usize {
    while !index.is_char_boundary(i) {
        i += 1;
    }
    i
}
