//! The line editor: reedline with sift's completion, hints, highlighting and multi-line
//! validation, all read from `sift-complete` over the session's catalog, entity and target.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use nu_ansi_term::{Color, Style as Paint};
use reedline::{
    ColumnarMenu, Completer, Editor, Emacs, FileBackedHistory, Highlighter, Hinter, History,
    KeyCode, KeyModifiers, Menu, MenuBuilder, MenuEvent, MenuSettings, Painter, Prompt,
    PromptEditMode, PromptHistorySearch, Reedline, ReedlineEvent, ReedlineMenu, Span, StyledText,
    Suggestion, ValidationResult, Validator, default_emacs_keybindings,
};
use sift::{Catalog, Limits, Target};
use sift_complete::{CandidateKind, Class};

use super::meta::META_COMMANDS;
use super::session::input_is_complete;

/// What completion needs to know of the session; shared with the editor's helpers and updated
/// after each entry (`:entity`, `:target`, a query's `from`).
#[derive(Clone, Debug)]
pub struct Context {
    pub entity: Option<String>,
    pub target: Target,
}

pub type Shared = Arc<Mutex<Context>>;

fn read(shared: &Shared) -> Context {
    match shared.lock() {
        Ok(context) => context.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

const MENU: &str = "completion_menu";

/// The editor, with history in `history` when given.
pub fn editor(
    catalog: &'static Catalog,
    shared: Shared,
    limits: Limits,
    history: Option<std::path::PathBuf>,
    color: bool,
) -> (Reedline, Option<String>) {
    let mut keybindings = default_emacs_keybindings();
    keybindings.add_binding(
        KeyModifiers::NONE,
        KeyCode::Tab,
        ReedlineEvent::UntilFound(vec![
            ReedlineEvent::Menu(MENU.to_owned()),
            ReedlineEvent::MenuNext,
        ]),
    );
    let menu = QuietMenu(ColumnarMenu::default().with_name(MENU));
    let mut editor = Reedline::create()
        .with_edit_mode(Box::new(Emacs::new(keybindings)))
        .with_completer(Box::new(SiftCompleter {
            catalog,
            shared: shared.clone(),
        }))
        .with_menu(ReedlineMenu::EngineCompleter(Box::new(menu)))
        .with_quick_completions(true)
        .with_partial_completions(true)
        .with_hinter(Box::new(SiftHinter {
            catalog,
            shared: shared.clone(),
            color,
            rest: String::new(),
        }))
        .with_highlighter(Box::new(SiftHighlighter {
            catalog,
            shared,
            color,
        }))
        .with_validator(Box::new(SiftValidator { limits }))
        .with_ansi_colors(color)
        .use_bracketed_paste(true);
    let mut warning = None;
    if let Some(path) = history {
        match FileBackedHistory::with_file(1000, path.clone()) {
            Ok(history) => editor = editor.with_history(Box::new(history)),
            Err(e) => {
                warning = Some(format!(
                    "history not kept: cannot use {}: {e}",
                    crate::input::shown(&path)
                ));
            }
        }
    }
    (editor, warning)
}

/// The completion menu, closed when there is nothing to offer: Tab with no candidate shows
/// nothing (reedline's own menu would draw "NO RECORDS FOUND").
struct QuietMenu(ColumnarMenu);

impl QuietMenu {
    fn close_if_empty(&mut self) {
        if self.0.get_values().is_empty() {
            self.0.menu_event(MenuEvent::Deactivate);
        }
    }
}

impl Menu for QuietMenu {
    fn settings(&self) -> &MenuSettings {
        self.0.settings()
    }

    fn is_active(&self) -> bool {
        self.0.is_active()
    }

    fn menu_event(&mut self, event: MenuEvent) {
        self.0.menu_event(event);
    }

    fn can_quick_complete(&self) -> bool {
        self.0.can_quick_complete()
    }

    fn can_partially_complete(
        &mut self,
        values_updated: bool,
        editor: &mut Editor,
        completer: &mut dyn Completer,
    ) -> bool {
        let done = self
            .0
            .can_partially_complete(values_updated, editor, completer);
        self.close_if_empty();
        done
    }

    fn update_values(&mut self, editor: &mut Editor, completer: &mut dyn Completer) {
        self.0.update_values(editor, completer);
        self.close_if_empty();
    }

    fn update_working_details(
        &mut self,
        editor: &mut Editor,
        completer: &mut dyn Completer,
        painter: &Painter,
    ) {
        self.0.update_working_details(editor, completer, painter);
        self.close_if_empty();
    }

    fn replace_in_buffer(&self, editor: &mut Editor) {
        self.0.replace_in_buffer(editor);
    }

    fn menu_required_lines(&self, terminal_columns: u16) -> u16 {
        match self.0.get_values() {
            [] => 0,
            _ => self.0.menu_required_lines(terminal_columns),
        }
    }

    fn menu_string(&self, available_lines: u16, use_ansi_coloring: bool) -> String {
        match self.0.get_values() {
            [] => String::new(),
            _ => self.0.menu_string(available_lines, use_ansi_coloring),
        }
    }

    fn min_rows(&self) -> u16 {
        self.0.min_rows()
    }

    fn get_values(&self) -> &[Suggestion] {
        self.0.get_values()
    }

    fn set_cursor_pos(&mut self, pos: (u16, u16)) {
        self.0.set_cursor_pos(pos);
    }
}

struct SiftCompleter {
    catalog: &'static Catalog,
    shared: Shared,
}

impl Completer for SiftCompleter {
    fn complete(&mut self, line: &str, pos: usize) -> Vec<Suggestion> {
        // The line the cursor is on: a meta-command runs on any line of an entry.
        let pos = pos.min(line.len());
        let start_of_line = line[..pos].rfind(['\n', '\r']).map_or(0, |at| at + 1);
        let current = &line[start_of_line..pos];
        if let Some(suggestions) = self.meta(current, start_of_line) {
            return suggestions;
        }
        let context = read(&self.shared);
        let completions = sift_complete::complete(
            line,
            pos,
            self.catalog,
            context.entity.as_deref(),
            context.target,
        );
        completions
            .candidates
            .into_iter()
            .map(|candidate| {
                let description = match (&candidate.detail, &candidate.description) {
                    (Some(detail), Some(text)) => Some(format!("{detail} — {text}")),
                    (Some(detail), None) => Some(detail.clone()),
                    (None, text) => text.clone(),
                };
                Suggestion {
                    append_whitespace: candidate.kind != CandidateKind::Field
                        || !candidate.text.ends_with('.'),
                    value: candidate.text,
                    description,
                    span: Span::new(completions.replace.lo(), completions.replace.hi()),
                    ..Suggestion::default()
                }
            })
            .collect()
    }
}

impl SiftCompleter {
    /// Completions of a meta-command line (`current`, the line up to the cursor, which starts
    /// at byte `at` of the entry): the commands after `:`, and the values of `:mode`, `:x`,
    /// `:entity`, `:schema`, `:target` and `:emit`. `None` for a line of sift.
    fn meta(&self, current: &str, at: usize) -> Option<Vec<Suggestion>> {
        let indent = current.len() - current.trim_start().len();
        let typed = current.trim_start();
        if !typed.starts_with(':') && !typed.starts_with('\\') {
            return None;
        }
        let Some((name, argument)) = typed.split_once(' ') else {
            let name = typed.strip_prefix(':').unwrap_or(typed);
            let span = Span::new(at + indent, at + current.len());
            return Some(
                META_COMMANDS
                    .iter()
                    .filter(|m| {
                        m.name.starts_with(name) || m.aliases.iter().any(|a| a.starts_with(typed))
                    })
                    .map(|m| Suggestion {
                        value: format!(":{}", m.name),
                        description: Some(format!("{} {}", m.argument, m.what).trim().to_owned()),
                        span,
                        append_whitespace: !m.argument.is_empty(),
                        ..Suggestion::default()
                    })
                    .collect(),
            );
        };
        let command = super::meta::parse(name, false).and_then(|line| line.command)?;
        let argument = argument.trim_start();
        let values: Vec<(String, Option<String>)> = match command.name {
            "mode" => ["table", "line", "json", "jsonl", "csv"]
                .iter()
                .map(|m| ((*m).to_owned(), None))
                .collect(),
            "x" => ["on", "off", "auto"]
                .iter()
                .map(|m| ((*m).to_owned(), None))
                .collect(),
            "entity" | "schema" => sift::completion::entity_completions(self.catalog)
                .into_iter()
                .map(|e| (e.name.to_owned(), e.description.map(str::to_owned)))
                .collect(),
            "target" => Target::ALL
                .iter()
                .map(|t| (t.as_str().to_owned(), None))
                .collect(),
            "emit" => sift::Emit::ALL
                .iter()
                .map(|e| (e.as_str().to_owned(), None))
                .collect(),
            _ => Vec::new(),
        };
        let span = Span::new(at + current.len() - argument.len(), at + current.len());
        Some(
            values
                .into_iter()
                .filter(|(value, _)| value.starts_with(argument) && value != argument)
                .map(|(value, description)| Suggestion {
                    value,
                    description,
                    span,
                    ..Suggestion::default()
                })
                .collect(),
        )
    }
}

struct SiftHinter {
    catalog: &'static Catalog,
    shared: Shared,
    color: bool,
    /// The text the hint would insert (the rest of the field name).
    rest: String,
}

impl Hinter for SiftHinter {
    fn handle(
        &mut self,
        line: &str,
        pos: usize,
        _history: &dyn History,
        use_ansi_coloring: bool,
        _cwd: &str,
    ) -> String {
        self.rest.clear();
        // Hints only at the end of the line (text after the cursor would be pushed aside),
        // and not on a meta-command line.
        let (before, last) = super::session::split_last_line(line);
        if pos != line.len() || super::meta::parse(last, before.trim().is_empty()).is_some() {
            return String::new();
        }
        let context = read(&self.shared);
        let Some(hint) = sift_complete::hint(
            line,
            pos,
            self.catalog,
            context.entity.as_deref(),
            context.target,
        ) else {
            return String::new();
        };
        self.rest = hint.rest.clone();
        let text = format!("{}  {}", hint.rest, crate::render::escape(&hint.note));
        if use_ansi_coloring && self.color {
            Paint::new().fg(Color::DarkGray).paint(text).to_string()
        } else {
            text
        }
    }

    fn complete_hint(&self) -> String {
        self.rest.clone()
    }

    fn next_hint_token(&self) -> String {
        self.rest.clone()
    }
}

struct SiftHighlighter {
    catalog: &'static Catalog,
    shared: Shared,
    color: bool,
}

impl Highlighter for SiftHighlighter {
    fn highlight(&self, line: &str, _cursor: usize) -> StyledText {
        let mut styled = StyledText::new();
        let (before, last) = super::session::split_last_line(line);
        if !self.color || super::meta::parse(last, before.trim().is_empty()).is_some() {
            styled.push((Paint::new(), line.to_owned()));
            return styled;
        }
        let context = read(&self.shared);
        let mut at = 0;
        for (span, class) in sift_complete::highlight(line, self.catalog, context.entity.as_deref())
        {
            if span.lo() > at {
                styled.push((Paint::new(), line[at..span.lo()].to_owned()));
            }
            styled.push((paint(class), line[span.lo()..span.hi()].to_owned()));
            at = span.hi();
        }
        if at < line.len() {
            styled.push((Paint::new(), line[at..].to_owned()));
        }
        styled
    }
}

/// The colour of each class of token.
fn paint(class: Class) -> Paint {
    match class {
        Class::Keyword => Paint::new().fg(Color::Blue).bold(),
        Class::Operator => Paint::new().fg(Color::Yellow),
        Class::Field => Paint::new().fg(Color::Cyan),
        Class::Entity => Paint::new().fg(Color::Green).bold(),
        Class::UnknownField | Class::UnknownEntity => Paint::new().fg(Color::Red).underline(),
        Class::String => Paint::new().fg(Color::Green),
        Class::Number | Class::Date => Paint::new().fg(Color::Magenta),
        Class::Comment => Paint::new().fg(Color::DarkGray),
        Class::Punct => Paint::new(),
        Class::Error => Paint::new().fg(Color::Red).bold(),
    }
}

struct SiftValidator {
    limits: Limits,
}

impl Validator for SiftValidator {
    fn validate(&self, line: &str) -> ValidationResult {
        if input_is_complete(line, &self.limits) {
            ValidationResult::Complete
        } else {
            ValidationResult::Incomplete
        }
    }
}

/// `sift> `, and `  ... ` on continuation lines.
pub struct SiftPrompt;

pub const PROMPT: &str = "sift> ";
pub const CONTINUATION: &str = "  ... ";

impl Prompt for SiftPrompt {
    fn render_prompt_left(&self) -> Cow<'_, str> {
        Cow::Borrowed("sift")
    }

    fn render_prompt_right(&self) -> Cow<'_, str> {
        Cow::Borrowed("")
    }

    fn render_prompt_indicator(&self, _edit_mode: PromptEditMode) -> Cow<'_, str> {
        Cow::Borrowed("> ")
    }

    fn render_prompt_multiline_indicator(&self) -> Cow<'_, str> {
        Cow::Borrowed(CONTINUATION)
    }

    fn render_prompt_history_search_indicator(
        &self,
        history_search: PromptHistorySearch,
    ) -> Cow<'_, str> {
        Cow::Owned(format!("(search: {}) ", history_search.term))
    }
}
