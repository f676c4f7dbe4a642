//! Catalogs: what can be searched. Immutable once built, shared between threads by reference
//! count; entities and fields are read-only views copied out on access.

use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::diagnostics::SpecFailure;

/// The searchable entities of one connector, immutable and safe to share between threads.
#[pyclass(frozen, module = "sift")]
#[derive(Clone, Debug)]
pub struct Catalog {
    pub inner: Arc<sift::Catalog>,
    /// Where it came from: `builtin`, a file path, `sdk:NAME`, `<text>`.
    origin: String,
}

impl Catalog {
    /// The built-in Harvest catalog, built once.
    pub fn builtin() -> Catalog {
        static BUILTIN: OnceLock<Arc<sift::Catalog>> = OnceLock::new();
        Catalog {
            inner: BUILTIN
                .get_or_init(|| Arc::new(sift::schema::harvest().clone()))
                .clone(),
            origin: "builtin".to_owned(),
        }
    }

    /// Loads a connector.yaml's text; every error of the spec, or the catalog.
    fn load(py: Python<'_>, text: &str, origin: &str) -> PyResult<Catalog> {
        match py.detach(|| sift::schema::load_connector_spec(text, origin)) {
            Ok(loaded) => Ok(Catalog {
                inner: Arc::new(loaded.catalog),
                origin: origin.to_owned(),
            }),
            Err(errors) => Err(SpecFailure::error(py, origin, text, errors)),
        }
    }
}

#[pymethods]
impl Catalog {
    /// The built-in Harvest catalog (the CLI's `--connector builtin`).
    #[staticmethod]
    #[pyo3(name = "builtin")]
    fn py_builtin() -> Catalog {
        Catalog::builtin()
    }

    /// A catalog from a connector.yaml: a path (`str` or `os.PathLike`), or the YAML text
    /// itself (a `str` holding a line break).
    #[staticmethod]
    #[pyo3(signature = (path_or_text, /))]
    fn from_spec(py: Python<'_>, path_or_text: &Bound<'_, PyAny>) -> PyResult<Catalog> {
        if let Ok(text) = path_or_text.cast::<PyString>() {
            let text = text.to_str()?;
            if text.contains(['\n', '\r']) {
                return Catalog::load(py, text, "<text>");
            }
        }
        let path = py
            .import("os")?
            .call_method1("fspath", (path_or_text,))?
            .extract::<String>()?;
        let text = py
            .import("pathlib")?
            .getattr("Path")?
            .call1((&path,))?
            .call_method1("read_text", ("utf-8",))?
            .extract::<String>()?;
        Catalog::load(py, &text, &path)
    }

    /// The catalog of connector `name` (`hubspot`) in the installed `airbyte_agent_sdk`,
    /// found through `importlib.resources` in this process.
    #[staticmethod]
    #[pyo3(signature = (name, /))]
    fn from_sdk(py: Python<'_>, name: &str) -> PyResult<Catalog> {
        if name.is_empty() || name.contains(['/', '\\', '\0']) || name.starts_with('.') {
            return Err(PyValueError::new_err(format!(
                "`{name}` is not a connector name (a name such as `hubspot`)"
            )));
        }
        let resources = py.import("importlib.resources")?;
        let package = resources
            .call_method1("files", ("airbyte_agent_sdk",))
            .map_err(|e| {
                if e.is_instance_of::<pyo3::exceptions::PyModuleNotFoundError>(py) {
                    pyo3::exceptions::PyModuleNotFoundError::new_err(
                        "airbyte_agent_sdk is not installed here: `pip install airbyte-agent-sdk`",
                    )
                } else {
                    e
                }
            })?;
        let specs = package.call_method1("joinpath", ("specs",))?;
        let spec = specs
            .call_method1("joinpath", (name,))?
            .call_method1("joinpath", ("connector.yaml",))?;
        if !spec.call_method0("is_file")?.extract::<bool>()? {
            let mut names = Vec::new();
            if specs.call_method0("is_dir")?.extract::<bool>()? {
                for entry in specs.call_method0("iterdir")?.try_iter()? {
                    names.push(entry?.getattr("name")?.extract::<String>()?);
                }
            }
            let nearest = sift::completion::suggest(name, names.iter().map(String::as_str));
            let hint = match nearest.first() {
                Some(near) => format!("; did you mean `{near}`?"),
                None => String::new(),
            };
            return Err(PyKeyError::new_err(format!(
                "the installed airbyte_agent_sdk has no connector `{name}`{hint}"
            )));
        }
        let text: String = spec.call_method1("read_text", ("utf-8",))?.extract()?;
        let origin = spec.str()?.to_str()?.to_owned();
        let mut catalog = Catalog::load(py, &text, &origin)?;
        catalog.origin = format!("sdk:{name}");
        Ok(catalog)
    }

    /// The connector's name (`harvest`).
    #[getter]
    fn connector(&self) -> &str {
        &self.inner.connector
    }

    /// The connector definition's id, when the spec says.
    #[getter]
    fn definition_id(&self) -> Option<&str> {
        self.inner.definition_id.as_deref()
    }

    /// Where the catalog came from: `builtin`, `sdk:NAME`, a path or `<text>`.
    #[getter]
    fn origin(&self) -> &str {
        &self.origin
    }

    /// Every entity, in catalog order.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let entities = (0..self.inner.entities.len()).map(|index| Entity {
            catalog: self.inner.clone(),
            index,
        });
        PyTuple::new(py, entities)
    }

    /// The entity named exactly `name`; `KeyError` (with the nearest name) when there is none.
    fn entity(&self, name: &str) -> PyResult<Entity> {
        match self.inner.entities.iter().position(|e| e.name == name) {
            Some(index) => Ok(Entity {
                catalog: self.inner.clone(),
                index,
            }),
            None => {
                let hint = sift::completion::nearest_entity(&self.inner, name)
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                Err(PyKeyError::new_err(format!(
                    "the {} catalog has no entity `{name}`{hint}",
                    self.inner.connector
                )))
            }
        }
    }

    /// The catalog as JSON text (what `sift schema --format json` shows of it).
    fn json(&self) -> String {
        serde_json::to_string(&*self.inner).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!(
            "Catalog(connector={:?}, origin={:?}, entities={})",
            self.inner.connector,
            self.origin,
            self.inner.entities.len()
        )
    }
}

/// One entity of a catalog (a view: the catalog is shared, not copied).
#[pyclass(frozen, module = "sift")]
#[derive(Debug)]
pub struct Entity {
    catalog: Arc<sift::Catalog>,
    index: usize,
}

impl Entity {
    fn get(&self) -> &sift::schema::Entity {
        &self.catalog.entities[self.index]
    }
}

#[pymethods]
impl Entity {
    /// The name filters and requests use.
    #[getter]
    fn name(&self) -> &str {
        &self.get().name
    }

    /// What the connector says it holds.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.get().description.as_deref()
    }

    /// Whether it declares any searchable field.
    #[getter]
    fn searchable(&self) -> bool {
        !self.get().fields.is_empty()
    }

    /// Why the connector declares no searchable field, when it says.
    #[getter]
    fn unsearchable_reason(&self) -> Option<&str> {
        self.get().unsearchable_reason.as_deref()
    }

    /// Its top-level searchable fields, in catalog order.
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        fields(py, &self.get().fields)
    }

    /// The top-level field named exactly `name` (`customer.id` may be one field).
    fn field(&self, name: &str) -> PyResult<Field> {
        match self.get().field(name) {
            Some(field) => Ok(Field::of(field)),
            None => {
                let hint = sift::completion::suggest(name, self.get().field_names())
                    .first()
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                Err(PyKeyError::new_err(format!(
                    "entity `{}` has no field `{name}`{hint}",
                    self.get().name
                )))
            }
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Entity(name={:?}, fields={})",
            self.get().name,
            self.get().fields.len()
        )
    }
}

fn fields<'py>(py: Python<'py>, fields: &[sift::schema::Field]) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, fields.iter().map(Field::of))
}

/// A searchable field, or a property of an object or of an array's elements.
#[pyclass(frozen, module = "sift")]
#[derive(Debug)]
pub struct Field {
    inner: sift::schema::Field,
}

impl Field {
    fn of(field: &sift::schema::Field) -> Field {
        Field {
            inner: field.clone(),
        }
    }
}

#[pymethods]
impl Field {
    /// Its name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// Its name as sift source writes it (backticks where needed).
    #[getter]
    fn sift_name(&self) -> String {
        sift::syntax::format_field_name(&self.inner.name)
    }

    /// Its type as the connector docs write it: `string`, `null | integer`.
    #[getter]
    fn r#type(&self) -> String {
        self.inner.ty.to_string()
    }

    /// The JSON kinds it may hold (`string`, `integer`, `number`, `boolean`, `object`, `array`).
    #[getter]
    fn kinds(&self) -> Vec<&'static str> {
        self.inner.ty.kinds.iter().map(|k| k.as_str()).collect()
    }

    /// Whether it may be null.
    #[getter]
    fn nullable(&self) -> bool {
        self.inner.ty.nullable
    }

    /// `date`, `date-time` or `unix-time` for a field holding times, else `None`.
    #[getter]
    fn format(&self) -> Option<&'static str> {
        self.inner.format.map(sift::schema::TimeFormat::as_str)
    }

    /// What the connector says it holds.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }

    /// The declared properties of an object (or of an array's elements), else `None`.
    #[getter]
    fn properties<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyTuple>>> {
        self.inner
            .ty
            .properties
            .as_deref()
            .map(|p| fields(py, p))
            .transpose()
    }

    /// How the field is searched by meaning (`similar to … in FIELD`), when the connector
    /// configures it.
    #[getter]
    fn semantic_search(&self) -> Option<SemanticSearch> {
        self.inner
            .semantic_search
            .as_deref()
            .map(|s| SemanticSearch { inner: s.clone() })
    }

    fn __repr__(&self) -> String {
        format!(
            "Field(name={:?}, type={:?})",
            self.inner.name,
            self.r#type()
        )
    }
}

/// How a field is searched by meaning.
#[pyclass(frozen, module = "sift")]
#[derive(Debug)]
pub struct SemanticSearch {
    inner: sift::schema::SemanticSearch,
}

#[pymethods]
impl SemanticSearch {
    /// What one unit of the field's text is called (`project`, `comment_paragraph`).
    #[getter]
    fn unit_label(&self) -> &str {
        &self.inner.unit_label
    }

    /// The most characters of context a hit returns, when bounded.
    #[getter]
    fn context_max_chars(&self) -> Option<u64> {
        self.inner.context_max_chars
    }

    /// The metadata columns of each unit: `(name, type, path)`.
    #[getter]
    fn metadata(&self) -> Vec<(String, &'static str, String)> {
        self.inner
            .metadata
            .iter()
            .map(|m| {
                let ty = match m.ty {
                    sift::schema::MetadataType::String => "string",
                    sift::schema::MetadataType::Array => "array",
                };
                (m.name.clone(), ty, m.path.clone())
            })
            .collect()
    }

    /// What the filter of a semantic query on this field can name.
    #[getter]
    fn filter_fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        fields(py, &self.inner.filter_fields)
    }

    fn __repr__(&self) -> String {
        format!("SemanticSearch(unit_label={:?})", self.inner.unit_label)
    }
}
