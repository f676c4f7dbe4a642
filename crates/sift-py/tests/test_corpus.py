"""The `.sift` corpus (`tests/cases/`, the inputs of the Rust snapshot tests) through Python and
through the `sift` binary: on every target, the same JSON text for each query, and the same
diagnostics, record for record (the error's `.json()` byte for byte). A case's leading
`# entity:`, `# spec:`, `# now:`, `# tz:` and `# week_start:` lines are its options."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import sift

from conftest import CASES, SPECS, Cli

TARGETS = ["2026-03", "2026-04", "2026-10"]
CASE_FILES = sorted(CASES.rglob("*.sift"))


def directives(source: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        name, colon, value = line[1:].partition(":")
        if colon:
            found[name.strip()] = value.strip()
    return found


def options_for(source: str, target: str) -> tuple[dict[str, Any], list[str]]:
    """The Python keyword arguments of a case, and the same as CLI flags."""
    given = directives(source)
    options: dict[str, Any] = {"target": target}
    flags = ["--target", target]
    if "entity" in given:
        options["entity"] = given["entity"]
        flags += ["--entity", given["entity"]]
    if "spec" in given:
        spec = SPECS / given["spec"] / "connector.yaml"
        options["catalog"] = sift.Catalog.from_spec(spec)
        flags += ["--spec", str(spec)]
    if "now" in given:
        options["now"] = given["now"]
        flags += ["--now", given["now"]]
    if "tz" in given:
        options["tz"] = given["tz"]
        flags += ["--tz", given["tz"]]
    if "week_start" in given:
        options["week_start"] = given["week_start"]
        flags += ["--week-start", given["week_start"]]
    return options, flags


def test_the_corpus_is_there() -> None:
    assert len(CASE_FILES) > 50


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: str(p.relative_to(CASES)))
def test_a_case_compiles_as_in_rust(cli: Cli, case: Path) -> None:
    source = case.read_text()
    for target in TARGETS:
        options, flags = options_for(source, target)
        printed = cli.run("compile", "--format", "json", *flags, source)
        found = sift.check(source, **options)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", sift.SiftWarning)
                texts = sift.compile_many_json(source, **options)
        except sift.SiftError as error:
            assert printed.returncode == 1, (target, printed.stderr)
            assert printed.stdout == ""
            assert error.json() == printed.stderr.rstrip("\n"), target
            assert [d.json() for d in error.diagnostics] == [d.json() for d in found]
            continue
        assert printed.returncode == 0, (target, printed.stderr)
        assert texts == printed.stdout.splitlines(), target
        stderr: list[Any] = json.loads(printed.stderr)["files"][0]["diagnostics"] if printed.stderr else []
        assert [json.loads(d.json()) for d in found] == stderr, target
