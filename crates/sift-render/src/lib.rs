//! Diagnostics drawn for people, for every edge that shows them (the `sift` binary, the Python
//! module): each diagnostic drawn by miette from a short excerpt of its source
//! ([`excerpt`]), with user text passed through the one escaping rule ([`escape`]). Returns
//! text; printing it is the edge's.

pub mod escape;
mod excerpt;

use miette::{GraphicalReportHandler, GraphicalTheme, Severity};
use sift::syntax::SourceIndex;

pub use escape::escape;
use excerpt::Excerpt;

/// The width diagnostics are drawn to.
const WIDTH: usize = 100;

/// What [`render`] drew, and how many diagnostics past its cap it only counted.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The drawn diagnostics.
    pub text: String,
    /// Errors past the cap, not drawn.
    pub hidden_errors: usize,
    /// Warnings and advice past the cap, not drawn.
    pub hidden_warnings: usize,
}

/// Draws at most `max_diagnostics` of `diagnostics` (of the source `source`, shown as `name`),
/// each with its source snippet, in colour when `color` says so, and counts the rest. The
/// source is indexed once; each diagnostic then costs its own size, however large the source.
pub fn render<D: miette::Diagnostic>(
    diagnostics: impl IntoIterator<Item = D>,
    name: &str,
    source: &str,
    max_diagnostics: usize,
    color: bool,
) -> Rendered {
    render_placed(diagnostics, (name, 0), source, max_diagnostics, color)
}

/// [`render`] for a source that starts on line `first_line + 1` of the file `name` (a JSON
/// Lines document): lines are numbered, and the header names the place, as in the file
/// (`file:3:9`), so that editors and terminals open it there.
pub fn render_placed<D: miette::Diagnostic>(
    diagnostics: impl IntoIterator<Item = D>,
    place: (&str, usize),
    source: &str,
    max_diagnostics: usize,
    color: bool,
) -> Rendered {
    let index = SourceIndex::new(source);
    render_indexed(diagnostics, place, &index, max_diagnostics, color)
}

/// [`render_placed`] from a source already indexed: the index counts what the drawing reads of
/// it ([`SourceIndex::work`]), which is how the tests show drawing is linear.
pub fn render_indexed<D: miette::Diagnostic>(
    diagnostics: impl IntoIterator<Item = D>,
    place: (&str, usize),
    index: &SourceIndex<'_>,
    max_diagnostics: usize,
    color: bool,
) -> Rendered {
    let mut drawer = Drawer::new(place, index, max_diagnostics, color);
    for diagnostic in diagnostics {
        drawer.draw(&diagnostic);
    }
    drawer.rendered
}

/// [`render`] for diagnostics held elsewhere (borrowed).
pub fn render_borrowed<'d, D: miette::Diagnostic + 'd>(
    diagnostics: impl IntoIterator<Item = &'d D>,
    name: &str,
    source: &str,
    max_diagnostics: usize,
    color: bool,
) -> Rendered {
    let index = SourceIndex::new(source);
    let mut drawer = Drawer::new((name, 0), &index, max_diagnostics, color);
    for diagnostic in diagnostics {
        drawer.draw(diagnostic);
    }
    drawer.rendered
}

/// One source's diagnostics being drawn.
struct Drawer<'i, 's> {
    handler: GraphicalReportHandler,
    /// The source's name and the line of its file it starts after.
    place: (&'i str, usize),
    index: &'i SourceIndex<'s>,
    max_diagnostics: usize,
    drawn: usize,
    rendered: Rendered,
}

impl<'i, 's> Drawer<'i, 's> {
    fn new(
        place: (&'i str, usize),
        index: &'i SourceIndex<'s>,
        max_diagnostics: usize,
        color: bool,
    ) -> Self {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        Drawer {
            handler: GraphicalReportHandler::new_themed(theme).with_width(WIDTH),
            place,
            index,
            max_diagnostics,
            drawn: 0,
            rendered: Rendered::default(),
        }
    }

    fn draw(&mut self, diagnostic: &dyn miette::Diagnostic) {
        if self.drawn >= self.max_diagnostics {
            match diagnostic.severity().unwrap_or(Severity::Error) {
                Severity::Error => self.rendered.hidden_errors += 1,
                _ => self.rendered.hidden_warnings += 1,
            }
            return;
        }
        self.drawn += 1;
        let labels: Vec<(usize, usize)> = diagnostic
            .labels()
            .map(|labels| labels.map(|l| (l.offset(), l.offset() + l.len())).collect())
            .unwrap_or_default();
        let (excerpt, placed) = Excerpt::new(self.place, self.index, &labels);
        let placed = Placed {
            inner: diagnostic,
            placed,
            excerpt,
        };
        let out = &mut self.rendered.text;
        // Writing into a String cannot fail; a rendering bug must not hide the diagnostic.
        if self.handler.render_report(out, &placed).is_err() {
            out.push_str(&format!("{placed}\n"));
        }
    }
}

/// "N more error(s) and M more warning(s)", for the closing line of diagnostics past a cap.
pub fn hidden_counts(errors: usize, warnings: usize) -> String {
    let mut parts = Vec::new();
    if errors > 0 {
        parts.push(format!("{errors} more error(s)"));
    }
    if warnings > 0 {
        parts.push(format!("{warnings} more warning(s)"));
    }
    parts.join(" and ")
}

/// A diagnostic drawn from its [`Excerpt`]: labels moved to where they land in it, and the
/// message, help and label texts escaped. Everything else is passed through.
struct Placed<'d> {
    inner: &'d dyn miette::Diagnostic,
    placed: Vec<excerpt::Placed>,
    excerpt: Excerpt,
}

impl std::fmt::Debug for Placed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Placed")
            .field("inner", &self.inner.to_string())
            .field("placed", &self.placed)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Display for Placed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&escape(&self.inner.to_string()))
    }
}

impl std::error::Error for Placed<'_> {}

/// A displayed value, escaped.
fn escaped<'a>(text: Box<dyn std::fmt::Display + 'a>) -> Box<dyn std::fmt::Display + 'a> {
    Box::new(escape(&text.to_string()).into_owned())
}

impl miette::Diagnostic for Placed<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.code()
    }
    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.help().map(escaped)
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.inner.url().map(escaped)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.excerpt)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let labels = self.inner.labels()?;
        Some(Box::new(labels.zip(&self.placed).map(
            |(label, &(at, len))| {
                let text = label.label().map(|t| escape(t).into_owned());
                miette::LabeledSpan::new(text, at, len)
            },
        )))
    }
}
