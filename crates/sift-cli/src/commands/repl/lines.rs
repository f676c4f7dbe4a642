//! Lines gathered into entries, as a script on standard input, a `:run` file or an edited
//! buffer gives them: each line echoed after its prompt as a terminal shows it; an entry ends
//! where the editor's validator says (`session::input_is_complete`); a meta-command line runs
//! at once, and the lines before it stay the entry being written.

use super::editor::{CONTINUATION, PROMPT};
use super::meta;
use super::session::{Next, Session, input_is_complete};
use crate::output::{self, Failure};
use crate::render::escape;

/// The entry being written.
#[derive(Debug, Default)]
pub struct Lines {
    entry: String,
}

impl Lines {
    /// Feeds one line (without its line break).
    pub fn feed(&mut self, session: &mut Session<'_>, line: &str) -> Result<Next, Failure> {
        let prompt = if self.entry.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        };
        output::outln(format!("{prompt}{}", escape(line)).trim_end())?;
        if let Some(command) = meta::parse(line, self.entry.is_empty()) {
            session.pending = std::mem::take(&mut self.entry);
            let next = session.meta(&command);
            self.entry = std::mem::take(&mut session.pending);
            return next;
        }
        if !self.entry.is_empty() {
            self.entry.push('\n');
        }
        self.entry.push_str(line);
        // An empty line ends an entry that has text; alone it is nothing.
        let ends = line.trim().is_empty() || input_is_complete(&self.entry, &session.options.limits);
        if ends {
            let done = std::mem::take(&mut self.entry);
            return session.enter(&done);
        }
        Ok(Next::Continue)
    }

    /// Runs what is left at the end of the input.
    pub fn finish(&mut self, session: &mut Session<'_>) -> Result<Next, Failure> {
        let rest = std::mem::take(&mut self.entry);
        if rest.trim().is_empty() {
            return Ok(Next::Continue);
        }
        session.enter(&rest)
    }
}

/// Runs `text` line by line as if typed (`:run`, `:edit`); a `:quit` in it ends the session.
pub fn run_text(session: &mut Session<'_>, text: &str) -> Result<Next, Failure> {
    let mut lines = Lines::default();
    for line in text.lines() {
        if lines.feed(session, line)? == Next::Quit {
            return Ok(Next::Quit);
        }
    }
    lines.finish(session)
}
