//! Shared helpers for the corpus and golden tests.

#![allow(dead_code)]

use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource};

/// Renders diagnostics the way the CLI does without colour, for snapshots.
pub fn render<D>(diagnostics: impl IntoIterator<Item = D>, name: &str, source: &str) -> String
where
    D: miette::Diagnostic + Send + Sync + 'static,
{
    let handler =
        GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor()).with_width(100);
    let named = NamedSource::new(name, source.to_owned());
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = miette::Report::new(diagnostic).with_source_code(named.clone());
        handler
            .render_report(&mut out, report.as_ref())
            .expect("rendering into a String");
    }
    out
}

/// The entity a case file names in a leading `# entity: NAME` line, for bare filters.
pub fn entity_directive(source: &str) -> Option<String> {
    source
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix("# entity:"))
        .map(|name| name.trim().to_owned())
}

/// The value of a leading `# NAME: value` line of a case, if there is one.
pub fn directive(source: &str, name: &str) -> Option<String> {
    let prefix = format!("# {name}:");
    source
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix(prefix.as_str()))
        .map(|value| value.trim().to_owned())
}

/// The catalog of the spec fixture `tests/fixtures/specs/NAME/connector.yaml`.
pub fn spec_fixture(name: &str) -> sift::Catalog {
    let origin = format!("fixtures/specs/{name}/connector.yaml");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&origin);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match sift::schema::load_connector_spec(&text, &origin) {
        Ok(loaded) => loaded.catalog,
        Err(errors) => panic!("{origin}: {errors:#?}"),
    }
}

/// The catalog a case names in a leading `# spec: NAME` line (a fixture under
/// `tests/fixtures/specs/`); without one, cases check against the built-in Harvest catalog.
pub fn spec_directive(source: &str) -> Option<sift::Catalog> {
    directive(source, "spec").map(|name| spec_fixture(&name))
}

/// The clock of a case that names one in `# now: INSTANT` (and optionally `# tz: ZONE` and
/// `# week_start: DAY`); relative times in a case without one are an error.
#[allow(dead_code)]
pub fn clock_directive(source: &str) -> Option<sift::time::Clock> {
    let now = directive(source, "now")?
        .parse::<sift::time::Timestamp>()
        .ok()?;
    let mut clock = sift::time::Clock::utc(now);
    if let Some(zone) = directive(source, "tz") {
        clock.time_zone = sift::time::TimeZone::get(&zone).ok()?;
    }
    if let Some(day) = directive(source, "week_start") {
        clock.week_start = match day.as_str() {
            "sunday" => sift::time::Weekday::Sunday,
            "saturday" => sift::time::Weekday::Saturday,
            _ => sift::time::Weekday::Monday,
        };
    }
    Some(clock)
}

/// The case's path relative to `tests/cases`, with `/` separators, for snapshot headers.
pub fn case_name(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    match text.find("cases/") {
        Some(i) => text[i + "cases/".len()..].to_owned(),
        None => text,
    }
}
