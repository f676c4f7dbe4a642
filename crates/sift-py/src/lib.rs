//! `sift._native`: the Python module, an edge like the CLI. Each function takes the keyword
//! arguments of `sift.toml` (see `options.rs`), runs one entry point of the `sift` crate and
//! hands back Python values: JSON text or objects, `Diagnostic`s, or a raised `SiftError`
//! whose report is the CLI's. The GIL is released around the Rust work for inputs larger than
//! [`DETACH_ABOVE`]; below it, releasing and re-taking the GIL would cost more than the work.

mod catalog;
mod diagnostics;
mod options;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString};

use catalog::{Catalog, Entity, Field, SemanticSearch};
use diagnostics::{Diagnostic, Fix, Label, Report};
use options::{Given, Limits};

/// Inputs of at most this many bytes are worked on holding the GIL: a 2-condition compile
/// takes about as long as a detach and re-attach (see `bench/bench.py`, which measures both).
const DETACH_ABOVE: usize = 512;

/// Runs `work` without the GIL when the input is large enough for it to pay.
fn run<T: Send>(py: Python<'_>, size: usize, work: impl FnOnce() -> T + Send) -> T {
    if size > DETACH_ABOVE {
        py.detach(work)
    } else {
        work()
    }
}

/// The name the CLI gives a query argument, and standard input (where JSON documents come
/// from in `sift decompile -`); a `SiftError`'s JSON names its source so.
const QUERY: &str = "<query>";
const DOCUMENT: &str = "<stdin>";

/// `json.loads`, looked up once.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// Each warning as a Python warning of class `sift.SiftWarning`.
fn warn(py: Python<'_>, warnings: &sift::Diagnostics, source: &str) -> PyResult<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    static SIFT_WARNING: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let class = SIFT_WARNING.import(py, "sift", "SiftWarning")?;
    let warn = py.import("warnings")?.getattr("warn")?;
    for report in warnings.to_reports(source) {
        let text = format!(
            "{} [{}] at line {}, column {}",
            report.message, report.code, report.line, report.column
        );
        warn.call1((text, class, 1))?;
    }
    Ok(())
}

/// The catalog given, or the built-in one.
fn catalog_or_builtin(catalog: Option<&Catalog>) -> Catalog {
    catalog.cloned().unwrap_or_else(Catalog::builtin)
}

/// A JSON document as text: `str` and `bytes` as they are, anything else written by
/// `json.dumps` (compact, non-ASCII kept), so diagnostics locate it in that text.
fn document_text(py: Python<'_>, document: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = document.cast::<PyString>() {
        return Ok(text.to_str()?.to_owned());
    }
    if let Ok(bytes) = document.cast::<PyBytes>() {
        return String::from_utf8(bytes.as_bytes().to_vec())
            .map_err(|e| PyValueError::new_err(format!("the document is not UTF-8: {e}")));
    }
    static DUMPS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let dumps = DUMPS.import(py, "json", "dumps")?;
    let kwargs = pyo3::types::PyDict::new(py);
    kwargs.set_item("separators", (",", ":"))?;
    kwargs.set_item("ensure_ascii", false)?;
    dumps
        .call((document,), Some(&kwargs))
        .map_err(|e| {
            PyTypeError::new_err(format!(
                "the document must be JSON text (str, bytes) or a JSON value: {e}"
            ))
        })?
        .extract()
}

/// Compiles `source` for the keyword arguments: one JSON text per query, or `SiftError`
/// with every diagnostic; warnings become Python warnings.
fn compile_texts(
    py: Python<'_>,
    source: &str,
    catalog: Option<&Catalog>,
    given: Given<'_, '_>,
    emit: &str,
) -> PyResult<Vec<String>> {
    let mut options = given.options()?.with_emit(options::emit("emit", emit)?);
    options.infer_target = false;
    let catalog = catalog_or_builtin(catalog);
    let compiled = run(py, source.len(), || {
        sift::compile(source, &catalog.inner, &options)
    });
    match compiled {
        Ok(compiled) => {
            warn(py, &compiled.warnings, source)?;
            Ok(compiled.outputs.into_iter().map(|o| o.json).collect())
        }
        Err(diagnostics) => Err(Report::error(py, QUERY, source, diagnostics)),
    }
}

/// The one output of a source that must hold one query.
fn only(mut texts: Vec<String>) -> PyResult<String> {
    match texts.len() {
        1 => Ok(texts.pop().unwrap_or_default()),
        n => Err(PyValueError::new_err(format!(
            "the source holds {n} queries; compile_many compiles each of a `;`-separated source"
        ))),
    }
}

/// Declares a compiling entry point: the keyword arguments of `sift.toml` and the clock, and
/// what it makes of the JSON texts.
macro_rules! compiling {
    ($(#[$doc:meta])* $name:ident -> $out:ty, |$py:ident, $texts:ident| $finish:expr) => {
        $(#[$doc])*
        #[allow(clippy::too_many_arguments)]
        #[pyfunction]
        #[pyo3(signature = (source, /, *, catalog=None, entity=None, target=None, emit="params", now=None, tz=None, week_start="monday", allow=vec![], warn=vec![], deny=vec![], limits=None))]
        fn $name<'py>(
            $py: Python<'py>,
            source: &str,
            catalog: Option<&Catalog>,
            entity: Option<&str>,
            target: Option<&str>,
            emit: &str,
            now: Option<&Bound<'py, PyAny>>,
            tz: Option<&Bound<'py, PyAny>>,
            week_start: &str,
            allow: Vec<String>,
            warn: Vec<String>,
            deny: Vec<String>,
            limits: Option<&Limits>,
        ) -> PyResult<$out> {
            let given = Given {
                entity,
                target,
                allow: &allow,
                warn: &warn,
                deny: &deny,
                limits,
                now,
                tz,
                week_start,
            };
            let $texts = compile_texts($py, source, catalog, given, emit)?;
            $finish
        }
    };
}

compiling!(
    /// The JSON text of a one-query source.
    compile_json -> String, |_py, texts| only(texts)
);

compiling!(
    /// The JSON object of a one-query source, as Python values.
    compile -> Bound<'py, PyAny>, |py, texts| json_loads(py, &only(texts)?)
);

compiling!(
    /// The JSON text of each query of a `;`-separated source.
    compile_many_json -> Vec<String>, |_py, texts| Ok(texts)
);

compiling!(
    /// The JSON object of each query of a `;`-separated source.
    compile_many -> Vec<Bound<'py, PyAny>>, |py, texts| {
        texts.iter().map(|text| json_loads(py, text)).collect()
    }
);

/// Every diagnostic of a source (errors as values), warnings included.
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (source, /, *, catalog=None, entity=None, target=None, emit="params", now=None, tz=None, week_start="monday", allow=vec![], warn=vec![], deny=vec![], limits=None))]
fn check<'py>(
    py: Python<'py>,
    source: &str,
    catalog: Option<&Catalog>,
    entity: Option<&str>,
    target: Option<&str>,
    emit: &str,
    now: Option<&Bound<'_, PyAny>>,
    tz: Option<&Bound<'_, PyAny>>,
    week_start: &str,
    allow: Vec<String>,
    warn: Vec<String>,
    deny: Vec<String>,
    limits: Option<&Limits>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let mut options = Given {
        entity,
        target,
        allow: &allow,
        warn: &warn,
        deny: &deny,
        limits,
        now,
        tz,
        week_start,
    }
    .options()?;
    options = options.with_emit(options::emit("emit", emit)?);
    options.infer_target = false;
    let catalog = catalog_or_builtin(catalog);
    let diagnostics = run(py, source.len(), || {
        sift::check(source, &catalog.inner, &options)
    });
    Diagnostic::list(py, &diagnostics, source)
}

/// The options of the JSON entry points.
#[allow(clippy::too_many_arguments)]
fn json_options(
    entity: Option<&str>,
    target: Option<&str>,
    form: Option<&str>,
    allow: &[String],
    warn: &[String],
    deny: &[String],
    limits: Option<&Limits>,
) -> PyResult<sift::Options> {
    let options = Given {
        entity,
        target,
        allow,
        warn,
        deny,
        limits,
        now: None,
        tz: None,
        week_start: "monday",
    }
    .options()?;
    let form = form.map(|f| options::form("form", f)).transpose()?;
    Ok(options.with_form(form))
}

/// Every diagnostic of a JSON filter, query, params or request.
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (document, /, *, catalog=None, entity=None, target=None, form=None, allow=vec![], warn=vec![], deny=vec![], limits=None))]
fn validate<'py>(
    py: Python<'py>,
    document: &Bound<'py, PyAny>,
    catalog: Option<&Catalog>,
    entity: Option<&str>,
    target: Option<&str>,
    form: Option<&str>,
    allow: Vec<String>,
    warn: Vec<String>,
    deny: Vec<String>,
    limits: Option<&Limits>,
) -> PyResult<Bound<'py, pyo3::types::PyList>> {
    let options = json_options(entity, target, form, &allow, &warn, &deny, limits)?;
    let text = document_text(py, document)?;
    let catalog = catalog_or_builtin(catalog);
    let validation = run(py, text.len(), || {
        sift::check_json(&text, &catalog.inner, &options)
    });
    Diagnostic::list(py, &validation.diagnostics, &text)
}

/// The canonical sift text of a valid JSON document; raises `SiftError` otherwise.
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (document, /, *, catalog=None, entity=None, target=None, form=None, allow=vec![], warn=vec![], deny=vec![], limits=None))]
fn decompile(
    py: Python<'_>,
    document: &Bound<'_, PyAny>,
    catalog: Option<&Catalog>,
    entity: Option<&str>,
    target: Option<&str>,
    form: Option<&str>,
    allow: Vec<String>,
    warn: Vec<String>,
    deny: Vec<String>,
    limits: Option<&Limits>,
) -> PyResult<String> {
    let options = json_options(entity, target, form, &allow, &warn, &deny, limits)?;
    let text = document_text(py, document)?;
    let catalog = catalog_or_builtin(catalog);
    let validation = run(py, text.len(), || {
        sift::validate_json(&text, &catalog.inner, &options)
    });
    match validation.into_sift() {
        Ok((sift, warnings)) => {
            self::warn(py, &warnings, &text)?;
            Ok(sift)
        }
        Err(diagnostics) => Err(Report::error(py, DOCUMENT, &text, diagnostics)),
    }
}

/// The canonical formatting of a source; raises `SiftError` on syntax errors.
#[pyfunction]
#[pyo3(signature = (source, /, *, limits=None))]
fn format(py: Python<'_>, source: &str, limits: Option<&Limits>) -> PyResult<String> {
    let options = Given {
        entity: None,
        target: None,
        allow: &[],
        warn: &[],
        deny: &[],
        limits,
        now: None,
        tz: None,
        week_start: "monday",
    }
    .options()?;
    run(py, source.len(), || sift::format(source, &options))
        .map_err(|diagnostics| Report::error(py, QUERY, source, diagnostics))
}

/// How each query compiles, as the JSON text of `sift explain --format json` (a list, one
/// member per query); raises `SiftError`.
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (source, /, *, catalog=None, entity=None, target=None, now=None, tz=None, week_start="monday", allow=vec![], warn=vec![], deny=vec![], limits=None))]
fn explain_json(
    py: Python<'_>,
    source: &str,
    catalog: Option<&Catalog>,
    entity: Option<&str>,
    target: Option<&str>,
    now: Option<&Bound<'_, PyAny>>,
    tz: Option<&Bound<'_, PyAny>>,
    week_start: &str,
    allow: Vec<String>,
    warn: Vec<String>,
    deny: Vec<String>,
    limits: Option<&Limits>,
) -> PyResult<String> {
    let mut options = Given {
        entity,
        target,
        allow: &allow,
        warn: &warn,
        deny: &deny,
        limits,
        now,
        tz,
        week_start,
    }
    .options()?;
    options.infer_target = false;
    let catalog = catalog_or_builtin(catalog);
    let explained = run(py, source.len(), || {
        sift::explain(source, &catalog.inner, &options)
    });
    match explained {
        Ok(explained) => serde_json::to_string(&explained)
            .map_err(|e| PyValueError::new_err(format!("writing JSON: {e}"))),
        Err(diagnostics) => Err(Report::error(py, QUERY, source, diagnostics)),
    }
}

/// Every diagnostic code sift reports: `(code, can_warn)`, for `allow=`/`warn=`/`deny=`.
#[pyfunction]
fn codes() -> Vec<(String, bool)> {
    sift::lints::codes()
        .iter()
        .map(|info| (info.code.to_string(), info.can_warn))
        .collect()
}

/// Releases the GIL and takes it back, doing nothing in between: what `bench/bench.py` times
/// to choose [`DETACH_ABOVE`].
#[pyfunction]
fn _detach_roundtrip(py: Python<'_>) {
    py.detach(|| ());
}

/// Nanoseconds `calls` calls of `sift::compile` take in Rust (params, for the default target,
/// on the built-in catalog, `entity` for a bare filter): the Rust figure `bench/bench.py`
/// puts beside the same call made from Python, timed in the same process.
#[pyfunction]
fn _time_compile(py: Python<'_>, source: &str, entity: &str, calls: usize) -> u128 {
    let options = sift::Options::default()
        .with_entity(entity)
        .with_target(sift::Target::V2026_10);
    py.detach(|| {
        let start = std::time::Instant::now();
        for _ in 0..calls {
            let _ = std::hint::black_box(sift::compile(
                std::hint::black_box(source),
                sift::schema::harvest(),
                &options,
            ));
        }
        start.elapsed().as_nanos()
    })
}

/// Nanoseconds `calls` calls of `sift::validate_json_diagnostics` take in Rust for a filter
/// of `entity` (what `sift.validate(..., form="filter")` runs).
#[pyfunction]
fn _time_validate(py: Python<'_>, document: &str, entity: &str, calls: usize) -> u128 {
    let options = sift::Options::default()
        .with_entity(entity)
        .with_target(sift::Target::V2026_10)
        .with_form(Some(sift::JsonForm::Filter));
    py.detach(|| {
        let start = std::time::Instant::now();
        for _ in 0..calls {
            let validation = sift::check_json(
                std::hint::black_box(document),
                sift::schema::harvest(),
                &options,
            );
            let _ = std::hint::black_box(validation);
        }
        start.elapsed().as_nanos()
    })
}

/// The version of this build of sift.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The airbyte-agent-sdk release the tests pin (the repository's one statement of it).
const SDK_VERSION_FILE: &str = include_str!("../../../tests/sdk-version.txt");

/// The native module. Holds no state a thread could see half-made: catalogs are immutable and
/// reference-counted, every call builds its own options.
#[pymodule(gil_used = false)]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", VERSION)?;
    module.add("SDK_TESTED_WITH", SDK_VERSION_FILE.trim())?;
    module.add("DETACH_ABOVE", DETACH_ABOVE)?;
    module.add_class::<Catalog>()?;
    module.add_class::<Entity>()?;
    module.add_class::<Field>()?;
    module.add_class::<SemanticSearch>()?;
    module.add_class::<Diagnostic>()?;
    module.add_class::<Label>()?;
    module.add_class::<Fix>()?;
    module.add_class::<Limits>()?;
    module.add_class::<Report>()?;
    module.add_function(wrap_pyfunction!(compile, module)?)?;
    module.add_function(wrap_pyfunction!(compile_json, module)?)?;
    module.add_function(wrap_pyfunction!(compile_many, module)?)?;
    module.add_function(wrap_pyfunction!(compile_many_json, module)?)?;
    module.add_function(wrap_pyfunction!(check, module)?)?;
    module.add_function(wrap_pyfunction!(validate, module)?)?;
    module.add_function(wrap_pyfunction!(decompile, module)?)?;
    module.add_function(wrap_pyfunction!(format, module)?)?;
    module.add_function(wrap_pyfunction!(explain_json, module)?)?;
    module.add_function(wrap_pyfunction!(codes, module)?)?;
    module.add_function(wrap_pyfunction!(_detach_roundtrip, module)?)?;
    module.add_function(wrap_pyfunction!(_time_compile, module)?)?;
    module.add_function(wrap_pyfunction!(_time_validate, module)?)?;
    Ok(())
}
