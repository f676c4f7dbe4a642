//! Keyword arguments → `sift::Options`: the names and defaults of `sift.toml` (`target`,
//! `entity`, `allow`/`warn`/`deny`, the `[limits]` keys), and the clock of `--now`/`--tz`/
//! `--week-start`. A bad value is a `ValueError` (the CLI's usage error), naming the keyword.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTzInfo};

/// The limits of one parse: `sift.toml`'s `[limits]` keys, with their defaults.
#[pyclass(frozen, eq, module = "sift", from_py_object)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    inner: sift::Limits,
}

#[pymethods]
impl Limits {
    #[new]
    #[pyo3(signature = (*, max_input_bytes=None, max_file_bytes=None, max_depth=None, max_list_len=None, max_nodes=None))]
    fn new(
        max_input_bytes: Option<usize>,
        max_file_bytes: Option<usize>,
        max_depth: Option<usize>,
        max_list_len: Option<usize>,
        max_nodes: Option<usize>,
    ) -> Self {
        let default = sift::Limits::default();
        Limits {
            inner: sift::Limits {
                max_input_bytes: max_input_bytes.unwrap_or(default.max_input_bytes),
                max_file_bytes: max_file_bytes.unwrap_or(default.max_file_bytes),
                max_depth: max_depth.unwrap_or(default.max_depth),
                max_list_len: max_list_len.unwrap_or(default.max_list_len),
                max_nodes: max_nodes.unwrap_or(default.max_nodes),
            },
        }
    }

    /// Largest single query or JSON document, in bytes.
    #[getter]
    fn max_input_bytes(&self) -> usize {
        self.inner.max_input_bytes
    }

    /// Largest whole source, in bytes.
    #[getter]
    fn max_file_bytes(&self) -> usize {
        self.inner.max_file_bytes
    }

    /// Deepest nesting of `and`/`or`/`not`/parentheses/`any`.
    #[getter]
    fn max_depth(&self) -> usize {
        self.inner.max_depth
    }

    /// Most values in one `in [...]` list.
    #[getter]
    fn max_list_len(&self) -> usize {
        self.inner.max_list_len
    }

    /// Most syntax nodes in one query.
    #[getter]
    fn max_nodes(&self) -> usize {
        self.inner.max_nodes
    }

    fn __repr__(&self) -> String {
        let l = &self.inner;
        format!(
            "Limits(max_input_bytes={}, max_file_bytes={}, max_depth={}, max_list_len={}, max_nodes={})",
            l.max_input_bytes, l.max_file_bytes, l.max_depth, l.max_list_len, l.max_nodes
        )
    }
}

/// The keyword arguments every entry point shares, as given.
pub struct Given<'a, 'py> {
    pub entity: Option<&'a str>,
    pub target: Option<&'a str>,
    pub allow: &'a [String],
    pub warn: &'a [String],
    pub deny: &'a [String],
    pub limits: Option<&'a Limits>,
    pub now: Option<&'a Bound<'py, PyAny>>,
    pub tz: Option<&'a Bound<'py, PyAny>>,
    pub week_start: &'a str,
}

impl Given<'_, '_> {
    /// The options these keywords ask for. Without `target`, sift text compiles for the
    /// default and JSON documents are read for the target they were written for (as the CLI
    /// does without `--target`).
    pub fn options(&self) -> PyResult<sift::Options> {
        let mut options = sift::Options::default()
            .with_lints(levels(self.allow, self.warn, self.deny)?)
            .with_limits(self.limits.map(|l| l.inner).unwrap_or_default());
        match self.target {
            Some(target) => {
                let target = target
                    .parse()
                    .map_err(|e| PyValueError::new_err(format!("target: {e}")))?;
                options = options.with_target(target);
            }
            None => options = options.with_inferred_target(),
        }
        if let Some(entity) = self.entity {
            options = options.with_entity(entity);
        }
        if let Some(now) = self.now {
            options = options.with_now(instant(now)?);
        }
        if let Some(tz) = self.tz {
            options = options.with_time_zone(zone(tz)?);
        }
        Ok(options.with_week_start(weekday(self.week_start)?))
    }
}

/// Lint levels from the three lists; a code in two of them is refused (which one is meant
/// cannot be told), as `sift.toml` and the flags refuse it.
fn levels(allow: &[String], warn: &[String], deny: &[String]) -> PyResult<sift::lints::LintLevels> {
    sift_config::levels_of(allow, warn, deny).map_err(|error| match error {
        sift_config::LevelError::Twice {
            code,
            first,
            second,
        } => PyValueError::new_err(format!(
            "`{code}` is given both to {first}= and to {second}=: name each code at one level"
        )),
        sift_config::LevelError::Code { level, message } => {
            PyValueError::new_err(format!("{level}: {message}"))
        }
    })
}

/// `now=`: an aware `datetime`, or RFC 3339 text.
fn instant(now: &Bound<'_, PyAny>) -> PyResult<sift::time::Timestamp> {
    let text: String = if let Ok(text) = now.cast::<PyString>() {
        text.to_str()?.to_owned()
    } else if now.hasattr("isoformat")? && now.hasattr("utcoffset")? {
        if now.call_method0("utcoffset")?.is_none() {
            return Err(PyValueError::new_err(
                "now: a naive datetime names no instant; give it a tzinfo (datetime.timezone.utc)",
            ));
        }
        now.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(
            "now: an aware datetime.datetime or RFC 3339 text",
        ));
    };
    match sift::syntax::date_form(&text) {
        Ok(sift::syntax::DateForm::DateTime) => text.parse().map_err(|e| {
            PyValueError::new_err(format!("now: {text} is not an RFC 3339 instant: {e}"))
        }),
        _ => Err(PyValueError::new_err(format!(
            "now: {text} is not an RFC 3339 instant such as 2026-11-28T12:00:00Z"
        ))),
    }
}

/// `tz=`: an IANA zone name, or a `zoneinfo.ZoneInfo` (its key).
fn zone(tz: &Bound<'_, PyAny>) -> PyResult<sift::time::TimeZone> {
    let name: String = if let Ok(text) = tz.cast::<PyString>() {
        text.to_str()?.to_owned()
    } else if tz.is_instance_of::<PyTzInfo>() && tz.hasattr("key")? {
        tz.getattr("key")?.extract()?
    } else {
        return Err(PyTypeError::new_err(
            "tz: an IANA time zone name (\"America/New_York\") or a zoneinfo.ZoneInfo",
        ));
    };
    sift::time::TimeZone::get(&name)
        .map_err(|e| PyValueError::new_err(format!("tz: unknown time zone `{name}`: {e}")))
}

/// `week_start=`: a day's English name, any case.
fn weekday(name: &str) -> PyResult<sift::time::Weekday> {
    use sift::time::Weekday::*;
    const DAYS: [(&str, sift::time::Weekday); 7] = [
        ("monday", Monday),
        ("tuesday", Tuesday),
        ("wednesday", Wednesday),
        ("thursday", Thursday),
        ("friday", Friday),
        ("saturday", Saturday),
        ("sunday", Sunday),
    ];
    DAYS.iter()
        .find(|(day, _)| day.eq_ignore_ascii_case(name))
        .map(|(_, weekday)| *weekday)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "week_start: `{name}` is not a day of the week (monday … sunday)"
            ))
        })
}

/// `emit=` / `form=`: `filter`, `query`, `params` or `request`.
pub fn emit(keyword: &str, name: &str) -> PyResult<sift::Emit> {
    name.parse()
        .map_err(|e| PyValueError::new_err(format!("{keyword}: {e}")))
}

/// `form=`: which JSON document a text is (`filter`, `query`, `params`, `request`).
pub fn form(keyword: &str, name: &str) -> PyResult<sift::JsonForm> {
    name.parse()
        .map_err(|e| PyValueError::new_err(format!("{keyword}: {e}")))
}
