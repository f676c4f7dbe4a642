"""The Python API: every entry point, its keyword arguments, catalogs and errors."""

from __future__ import annotations

import datetime
import json
import pickle
import warnings
from pathlib import Path

import pytest

import sift

from conftest import SDK_VERSION, SPECS, Cli

NOW = "2026-11-28T12:00:00Z"


def test_compile_gives_the_params_dict() -> None:
    assert sift.compile("is_active = true", entity="users") == {
        "query": {"filter": {"eq": {"is_active": True}}}
    }


def test_compile_json_is_the_cli_text(cli: Cli) -> None:
    query = 'from time_entries where notes endswith "call" and hours > 2.50 limit 10'
    for emit in ("filter", "query", "params", "request"):
        for target in ("2026-03", "2026-04", "2026-10"):
            printed = cli.run("compile", "--emit", emit, "--target", target, query)
            assert printed.returncode == 0, printed.stderr
            text = sift.compile_json(query, emit=emit, target=target)
            assert text == printed.stdout.rstrip("\n")
            # Numbers keep their text in JSON text; as Python values they are floats.
            assert "2.50" in text


def test_compile_many_compiles_each_query() -> None:
    source = "from users where is_active = true; from clients limit 2"
    assert sift.compile_many(source) == [
        {"query": {"filter": {"eq": {"is_active": True}}}},
        {"query": {}, "limit": 2},
    ]
    assert len(sift.compile_many_json(source)) == 2
    with pytest.raises(ValueError, match="holds 2 queries"):
        sift.compile(source)


def test_a_malformed_filter_raises_sift_error_with_the_cli_json(cli: Cli) -> None:
    source = "from users where is_actve = true and first_name ="
    with pytest.raises(sift.SiftError) as raised:
        sift.compile(source)
    error = raised.value
    assert isinstance(error, ValueError)
    codes = [d.code for d in error.diagnostics]
    assert codes[0].startswith("sift::syntax::")
    printed = cli.run("compile", "--format", "json", source)
    assert printed.returncode == 1
    assert error.json() == printed.stderr.rstrip("\n")


def test_an_unknown_field_is_named_with_its_place(cli: Cli) -> None:
    source = "from users where is_actve = true"
    with pytest.raises(sift.SiftError) as raised:
        sift.compile(source)
    first = raised.value.diagnostics[0]
    assert first.code == "sift::check::unknown_field"
    assert first.severity == "error"
    assert (first.line, first.column) == (1, 18)
    assert first.span == (17, 25)
    assert first.pointer is None
    assert first.labels and first.labels[0].span == (17, 25)
    assert first.fix is not None and first.fix.replacement == "is_active"
    assert first.fix.apply(source) == "from users where is_active = true"
    assert "is_active" in (first.help or "")
    printed = cli.run("compile", "--format", "json", source)
    assert raised.value.json() == printed.stderr.rstrip("\n")


def test_str_of_an_error_is_the_cli_drawing(cli: Cli) -> None:
    source = 'from users where is_actve = true and first_name like "a_b%"'
    with pytest.raises(sift.SiftError) as raised:
        sift.compile(source)
    printed = cli.run("compile", "--color", "never", source)
    assert printed.returncode == 1
    assert str(raised.value) == printed.stderr
    assert "\x1b[" not in str(raised.value)


def test_errors_pickle_as_their_drawing() -> None:
    with pytest.raises(sift.SiftError) as raised:
        sift.compile("from users where nope = 1")
    again = pickle.loads(pickle.dumps(raised.value))
    assert str(again) == str(raised.value)


def test_check_returns_errors_and_warnings_as_values() -> None:
    found = sift.check("from users where is_active = true and is_active = true")
    assert [d.severity for d in found] == ["warning"]
    assert sift.check("from users where is_active = true") == []
    errors = sift.check("from users where nope = 1; from clients where nada = 2")
    assert [d.code for d in errors] == ["sift::check::unknown_field"] * 2
    assert [d.line for d in errors] == [1, 1]


def test_warnings_are_python_warnings_and_lint_levels_apply() -> None:
    source = "from users where is_active = true and is_active = true"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sift.compile(source)
    assert [w.category for w in caught] == [sift.SiftWarning]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sift.compile(source, allow=["warnings"])
    with pytest.raises(sift.SiftError) as raised:
        sift.compile(source, deny=["warnings"])
    assert raised.value.diagnostics[0].severity == "error"
    with pytest.raises(ValueError, match="did you mean"):
        sift.compile(source, deny=["redundant_conditon"])
    with pytest.raises(ValueError, match="both to allow= and to deny="):
        sift.compile(source, allow=["warnings"], deny=["warnings"])


def test_validate_takes_objects_text_and_bytes() -> None:
    document = {"and": [{"like": {"first_name": "A%"}}, {"eq": {"is_actve": True}}]}
    for given in (document, json.dumps(document), json.dumps(document).encode()):
        found = sift.validate(given, entity="users", target="2026-10")
        assert [d.code for d in found] == [
            "sift::json::operator_not_on_target",
            "sift::json::unknown_field",
        ]
        assert found[1].pointer == "/and/1/eq/is_actve"
    assert sift.validate({"eq": {"is_active": True}}, entity="users") == []


def test_validate_matches_the_cli(cli: Cli) -> None:
    text = '{"entity":"users","action":"search","params":{"query":{"filter":{"like":{"email":"%@a"}}},"limit":0}}'
    printed = cli.json("validate", "--format", "json", "-", stdin=text)
    expected = printed["files"][0]["diagnostics"]
    found = [json.loads(d.json()) for d in sift.validate(text)]
    assert found == expected


def test_decompile_and_its_errors(cli: Cli) -> None:
    assert sift.decompile({"startswith": {"name": "Ac"}}, entity="clients") == 'name startswith "Ac"'
    bad = '{"eq": {"nope": 1}}'
    with pytest.raises(sift.SiftError) as raised:
        sift.decompile(bad, entity="users")
    printed = cli.run("decompile", "--format", "json", "--entity", "users", "-", stdin=bad)
    assert printed.returncode == 1
    assert raised.value.json() == printed.stderr.rstrip("\n")


def test_format_is_canonical_and_refuses_broken_text() -> None:
    assert sift.format("from users   where is_active=true") == "from users\nwhere is_active = true\n"
    with pytest.raises(sift.SiftError) as raised:
        sift.format("from users where (")
    assert raised.value.diagnostics[0].code.startswith("sift::syntax::")


def test_explain_is_the_cli_object(cli: Cli) -> None:
    query = "from time_entries where spent_date >= today() - 7d"
    explained = sift.explain(query, now=NOW)
    assert explained["filter"]["operator"] == "gte"
    assert explained["filter"]["resolved_times"][0]["resolved"] == "2026-11-21"
    printed = cli.json("explain", "--format", "json", "--now", NOW, query)
    assert [explained] == printed
    assert len(sift.explain_many(query + "; from users")) == 2


def test_the_clock_keywords() -> None:
    query = "from invoices where created_at >= start_of_month()"
    assert sift.compile(query, now=NOW, tz="America/New_York", emit="filter") == {
        "gte": {"created_at": "2026-11-01T04:00:00Z"}
    }
    aware = datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.timezone.utc)
    assert sift.compile(query, now=aware, emit="filter") == sift.compile(query, now=NOW, emit="filter")
    with pytest.raises(ValueError, match="naive"):
        sift.compile(query, now=datetime.datetime(2026, 11, 28))
    with pytest.raises(ValueError, match="unknown time zone"):
        sift.compile(query, tz="Mars/Olympus")
    week = "from time_entries where spent_date >= start_of_week()"
    sunday = sift.compile(week, now=NOW, week_start="sunday", emit="filter")
    assert sunday == {"gte": {"spent_date": "2026-11-22"}}


def test_bad_keywords_are_value_errors() -> None:
    with pytest.raises(ValueError, match="target"):
        sift.compile("is_active = true", entity="users", target="2027-01")
    with pytest.raises(ValueError, match="emit"):
        sift.compile("is_active = true", entity="users", emit="everything")
    with pytest.raises(TypeError):
        sift.compile("is_active = true", "users")  # type: ignore[call-arg, arg-type]


def test_limits_are_sift_toml_s() -> None:
    assert sift.Limits().max_depth == 32
    assert sift.Limits(max_depth=2).max_nodes == sift.Limits().max_nodes
    deep = "from users where " + "(" * 5 + "is_active = true" + ")" * 5
    with pytest.raises(sift.SiftError) as raised:
        sift.compile(deep, limits=sift.Limits(max_depth=2))
    assert raised.value.diagnostics[0].code == "sift::syntax::too_deep"


def test_the_builtin_catalog() -> None:
    catalog = sift.Catalog.builtin()
    assert catalog.connector == "harvest"
    assert catalog.origin == "builtin"
    names = [e.name for e in catalog.entities]
    assert "users" in names and "time_entries" in names
    users = catalog.entity("users")
    field = users.field("is_active")
    assert (field.type, field.kinds, field.nullable) == ("null | boolean", ["boolean"], True)
    assert field.description
    assert users.field("created_at").format == "date-time"
    with pytest.raises(KeyError, match="did you mean `users`"):
        catalog.entity("usres")
    assert json.loads(catalog.json())["connector"] == "harvest"


def test_a_catalog_from_a_spec_path_or_text() -> None:
    path = SPECS / "semantic" / "connector.yaml"
    from_path = sift.Catalog.from_spec(path)
    from_text = sift.Catalog.from_spec(path.read_text())
    assert from_path.connector == from_text.connector
    assert from_path.origin == str(path) and from_text.origin == "<text>"
    fields = [f for e in from_path.entities for f in e.fields if f.semantic_search]
    assert fields, "the semantic fixture configures semantic search"
    search = fields[0].semantic_search
    assert search is not None and search.unit_label and search.filter_fields
    with pytest.raises(ValueError, match="not a usable connector spec"):
        sift.Catalog.from_spec("openapi: 3.0.0\nnot: [a, spec\n")
    with pytest.raises(FileNotFoundError):
        sift.Catalog.from_spec(Path("/nonexistent/connector.yaml"))


def test_a_catalog_from_the_installed_sdk() -> None:
    pytest.importorskip("airbyte_agent_sdk")
    hubspot = sift.Catalog.from_sdk("hubspot")
    assert hubspot.connector == "hubspot" and hubspot.origin == "sdk:hubspot"
    assert sift.compile(
        'from contacts where properties.email endswith "@acme.com"', catalog=hubspot
    ) == {"query": {"filter": {"endswith": {"properties.email": "@acme.com"}}}}
    with pytest.raises(KeyError, match="did you mean `hubspot`"):
        sift.Catalog.from_sdk("hubspto")
    with pytest.raises(ValueError):
        sift.Catalog.from_sdk("../hubspot")


def test_version_and_metadata() -> None:
    from importlib import metadata

    assert sift.__version__ == metadata.version("sift-filters")
    assert sift.SDK_TESTED_WITH == SDK_VERSION
    assert metadata.metadata("sift-filters")["Requires-Python"] == ">=3.10"


def test_every_code_is_listed() -> None:
    codes = dict(sift.codes())
    assert codes["sift::check::unknown_field"] is False
    assert any(codes.values())
