"""sift: a typed filter language for the search API of Airbyte's agent connectors.

Write ``is_active = true and name ~ "Acme"``; sift parses it, checks every field, operator and
value against the entity's searchable-field schema, and lowers it to the JSON filter the API
takes. The same Rust core as the ``sift`` command line, in process::

    >>> import sift
    >>> sift.compile('is_active = true and name ~ "Acme"', entity="clients")
    {'query': {'filter': {'and': [{'eq': {'is_active': True}}, {'fuzzy': {'name': 'Acme'}}]}}}

Every entry point takes the keyword arguments of ``sift.toml`` (``target``, ``entity``,
``allow``/``warn``/``deny``, ``limits=Limits(...)``) and a ``catalog`` (default: the built-in
Harvest catalog). ``compile``, ``decompile``, ``format`` and ``explain`` raise ``SiftError``
(a ``ValueError``) with every diagnostic; ``check`` and ``validate`` return them as values.
"""

from __future__ import annotations

import json as _json
from typing import Any

from . import _native
from ._native import (
    Catalog,
    Diagnostic,
    Entity,
    Field,
    Fix,
    Label,
    Limits,
    SemanticSearch,
    check,
    codes,
    compile,
    compile_json,
    compile_many,
    compile_many_json,
    decompile,
    format,
    validate,
)

__all__ = [
    "Catalog",
    "Diagnostic",
    "Entity",
    "Field",
    "Fix",
    "Label",
    "Limits",
    "SemanticSearch",
    "SiftError",
    "SiftWarning",
    "SDK_TESTED_WITH",
    "PYTHON_VERSIONS",
    "__version__",
    "check",
    "codes",
    "compile",
    "compile_json",
    "compile_many",
    "compile_many_json",
    "decompile",
    "explain",
    "explain_many",
    "format",
    "validate",
]

#: The version of sift (the Rust workspace's; the CLI's ``sift --version`` says the same).
__version__: str = _native.__version__

#: The airbyte-agent-sdk release ``sift.sdk`` and the catalogs were tested with.
SDK_TESTED_WITH: str = _native.SDK_TESTED_WITH

#: The Python versions this package supports (one abi3 wheel serves them all).
PYTHON_VERSIONS: str = ">=3.10"


class SiftError(ValueError):
    """A query or document that sift refuses, with every diagnostic found.

    ``diagnostics`` lists them (each with ``code``, ``severity``, ``message``, ``span``,
    ``line``, ``column``, ``pointer``, ``labels``, ``help`` and ``fix``); ``json()`` is the
    document ``sift ... --format json`` prints for the same input (the source named
    ``<query>``, a JSON document ``<stdin>``); ``str(error)`` draws them as the CLI does,
    without colour.
    """

    def __init__(self, report: _native.Report) -> None:
        super().__init__(report.summary())
        self._report = report

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic, in source order."""
        return self._report.diagnostics()

    def json(self) -> str:
        """The CLI's ``--format json`` document for this input."""
        return self._report.json()

    def __str__(self) -> str:
        return self._report.render()

    def __reduce__(self) -> tuple[Any, ...]:
        # A report is native and not picklable: a pickled error keeps its drawing.
        return (ValueError, (str(self),))


class SiftWarning(UserWarning):
    """A warning sift found in a query that compiles (``deny=["warnings"]`` makes it an error;
    ``check`` returns them as values)."""


def explain(source: str, **options: Any) -> Any:
    """How a one-query source compiles: the tree with each node's JSON and target operator,
    notes on what differs by target, resolved dates, the clock and the warnings (the object of
    ``sift explain --format json``). Takes the keyword arguments of ``compile`` but ``emit``.
    Raises ``SiftError``."""
    explained = _json.loads(_native.explain_json(source, **options))
    if len(explained) != 1:
        raise ValueError(
            f"the source holds {len(explained)} queries; explain_many explains each"
        )
    return explained[0]


def explain_many(source: str, **options: Any) -> list[Any]:
    """``explain`` for each query of a ``;``-separated source."""
    result: list[Any] = _json.loads(_native.explain_json(source, **options))
    return result
