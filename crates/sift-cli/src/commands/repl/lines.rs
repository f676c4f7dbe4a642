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
        let ends =
            line.trim().is_empty() || input_is_complete(&self.entry, &session.options.limits);
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

/// Runs a `.sift` text (`:run`, `:edit`): its queries, separated by `;` as in any `.sift`
/// file, one after the other, each echoed after the prompt; a meta-command line runs where it
/// stands, and a `:quit` ends the session.
pub fn run_document(session: &mut Session<'_>, text: &str) -> Result<Next, Failure> {
    let mut chunk = String::new();
    for line in text.lines() {
        if let Some(command) = meta::parse(line, only_comments(session, &chunk)) {
            if session.document(&std::mem::take(&mut chunk))? == Next::Quit {
                return Ok(Next::Quit);
            }
            output::outln(format!("{PROMPT}{}", escape(line)).trim_end())?;
            if session.meta(&command)? == Next::Quit {
                return Ok(Next::Quit);
            }
            continue;
        }
        chunk.push_str(line);
        chunk.push('\n');
    }
    session.document(&chunk)
}

/// Whether `text` holds nothing but blanks and comments.
pub fn only_comments(session: &Session<'_>, text: &str) -> bool {
    sift_complete::highlight(text, session.catalog, None)
        .iter()
        .all(|(_, class)| *class == sift_complete::Class::Comment)
}

/// `text` echoed as typed: the prompt, then the continuation prompt on each later line.
pub fn echo(text: &str) -> Result<(), Failure> {
    for (n, line) in text.lines().enumerate() {
        let prompt = if n == 0 { PROMPT } else { CONTINUATION };
        output::outln(format!("{prompt}{}", escape(line)).trim_end())?;
    }
    Ok(())
}
