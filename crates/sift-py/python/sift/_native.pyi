"""Types of sift's native module (checked against the module by ``mypy.stubtest``)."""

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any, TypeAlias, final

__all__ = [
    "__version__",
    "SDK_TESTED_WITH",
    "DETACH_ABOVE",
    "Catalog",
    "Entity",
    "Field",
    "SemanticSearch",
    "Diagnostic",
    "Label",
    "Fix",
    "Limits",
    "Report",
    "compile",
    "compile_json",
    "compile_many",
    "compile_many_json",
    "check",
    "validate",
    "decompile",
    "format",
    "explain_json",
    "codes",
    "_detach_roundtrip",
    "_time_compile",
    "_time_validate",
]

__version__: str
SDK_TESTED_WITH: str
DETACH_ABOVE: int

_JsonDocument: TypeAlias = str | bytes | dict[str, Any] | list[Any]

@final
class Limits:
    """The limits of one parse: ``sift.toml``'s ``[limits]`` keys, with their defaults."""

    def __new__(
        cls,
        *,
        max_input_bytes: int | None = None,
        max_file_bytes: int | None = None,
        max_depth: int | None = None,
        max_list_len: int | None = None,
        max_nodes: int | None = None,
    ) -> Limits: ...
    @property
    def max_input_bytes(self) -> int: ...
    @property
    def max_file_bytes(self) -> int: ...
    @property
    def max_depth(self) -> int: ...
    @property
    def max_list_len(self) -> int: ...
    @property
    def max_nodes(self) -> int: ...

@final
class Label:
    """A labelled range of a diagnostic."""

    @property
    def span(self) -> tuple[int, int]: ...
    @property
    def text(self) -> str | None: ...

@final
class Fix:
    """A machine-applicable fix: replace ``span`` (UTF-8 bytes) with ``replacement``."""

    @property
    def span(self) -> tuple[int, int]: ...
    @property
    def replacement(self) -> str: ...
    def apply(self, source: str) -> str: ...

@final
class Diagnostic:
    """One finding, the record the CLI's ``--format json`` prints."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def span(self) -> tuple[int, int]: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def pointer(self) -> str | None: ...
    @property
    def labels(self) -> list[Label]: ...
    @property
    def help(self) -> str | None: ...
    @property
    def fix(self) -> Fix | None: ...
    @property
    def expected(self) -> str | None: ...
    @property
    def found(self) -> str | None: ...
    @property
    def alternatives(self) -> list[str]: ...
    def json(self) -> str: ...

@final
class Report:
    """The native half of ``sift.SiftError``."""

    def diagnostics(self) -> list[Diagnostic]: ...
    def json(self) -> str: ...
    def render(self) -> str: ...
    def summary(self) -> str: ...

@final
class SemanticSearch:
    """How a field is searched by meaning (``similar to … in FIELD``)."""

    @property
    def unit_label(self) -> str: ...
    @property
    def context_max_chars(self) -> int | None: ...
    @property
    def metadata(self) -> list[tuple[str, str, str]]: ...
    @property
    def filter_fields(self) -> tuple[Field, ...]: ...

@final
class Field:
    """A searchable field, or a property of an object or of an array's elements."""

    @property
    def name(self) -> str: ...
    @property
    def sift_name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def kinds(self) -> list[str]: ...
    @property
    def nullable(self) -> bool: ...
    @property
    def format(self) -> str | None: ...
    @property
    def description(self) -> str | None: ...
    @property
    def properties(self) -> tuple[Field, ...] | None: ...
    @property
    def semantic_search(self) -> SemanticSearch | None: ...

@final
class Entity:
    """One entity of a catalog."""

    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str | None: ...
    @property
    def searchable(self) -> bool: ...
    @property
    def unsearchable_reason(self) -> str | None: ...
    @property
    def fields(self) -> tuple[Field, ...]: ...
    def field(self, name: str) -> Field: ...

@final
class Catalog:
    """The searchable entities of one connector; immutable, safe to share between threads."""

    @staticmethod
    def builtin() -> Catalog: ...
    @staticmethod
    def from_spec(path_or_text: Any, /) -> Catalog: ...
    @staticmethod
    def from_sdk(name: str, /) -> Catalog: ...
    @property
    def connector(self) -> str: ...
    @property
    def definition_id(self) -> str | None: ...
    @property
    def origin(self) -> str: ...
    @property
    def entities(self) -> tuple[Entity, ...]: ...
    def entity(self, name: str) -> Entity: ...
    def json(self) -> str: ...

def compile(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    emit: str = "params",
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> dict[str, Any]: ...
def compile_json(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    emit: str = "params",
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> str: ...
def compile_many(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    emit: str = "params",
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> list[dict[str, Any]]: ...
def compile_many_json(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    emit: str = "params",
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> list[str]: ...
def check(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    emit: str = "params",
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> list[Diagnostic]: ...
def validate(
    document: _JsonDocument,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    form: str | None = None,
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> list[Diagnostic]: ...
def decompile(
    document: _JsonDocument,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    form: str | None = None,
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> str: ...
def format(source: str, /, *, limits: Limits | None = None) -> str: ...
def explain_json(
    source: str,
    /,
    *,
    catalog: Catalog | None = None,
    entity: str | None = None,
    target: str | None = None,
    now: datetime | str | None = None,
    tz: str | tzinfo | None = None,
    week_start: str = "monday",
    allow: Sequence[str] = ...,
    warn: Sequence[str] = ...,
    deny: Sequence[str] = ...,
    limits: Limits | None = None,
) -> str: ...
def codes() -> list[tuple[str, bool]]: ...
def _detach_roundtrip() -> None: ...
def _time_compile(source: str, entity: str, calls: int) -> int: ...
def _time_validate(document: str, entity: str, calls: int) -> int: ...
