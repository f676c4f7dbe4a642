"""Round trips over generated JSON filters: for every filter J that validates without a
finding, `compile(decompile(J)) == J`, as Python values and as the exact JSON text sift writes,
on every target. Filters are built from the built-in catalog's own fields and types, so most of
them are valid; the few that are not are discarded by hypothesis."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import sift

CATALOG = sift.Catalog.builtin()
ENTITY = "time_entries"
FIELDS = [
    f for f in CATALOG.entity(ENTITY).fields if set(f.kinds) <= {"string", "integer", "number", "boolean"}
]

text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"]),
    max_size=12,
)
integers = st.integers(min_value=-(2**70), max_value=2**70)
numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)


def values_of(field: sift.Field) -> st.SearchStrategy[Any]:
    kinds = set(field.kinds)
    if "boolean" in kinds:
        return st.booleans()
    if kinds == {"integer"}:
        return integers
    if "number" in kinds:
        return st.one_of(integers, numbers)
    return text


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, Any]:
    field = draw(st.sampled_from(FIELDS))
    kinds = set(field.kinds)
    value = values_of(field)
    operators = ["eq", "neq"]
    if kinds & {"integer", "number", "string"}:
        operators += ["gt", "gte", "lt", "lte"]
    if kinds == {"string"}:
        operators += ["startswith", "endswith", "contains", "fuzzy", "keyword"]
    operator = draw(st.sampled_from(operators + ["in"]))
    if operator == "in":
        return {"in": {field.name: draw(st.lists(value, min_size=2, max_size=4, unique=True))}}
    if operator in ("startswith", "endswith", "contains", "fuzzy", "keyword"):
        return {operator: {field.name: draw(text.filter(bool))}}
    return {operator: {field.name: draw(value)}}


filters = st.recursive(
    conditions(),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"and": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda xs: {"or": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(filters, st.sampled_from(["2026-03", "2026-04", "2026-10"]))
def test_compile_of_decompile_is_the_filter(document: dict[str, Any], target: str) -> None:
    options: dict[str, Any] = {"entity": ENTITY, "target": target}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    assume(sift.validate(text, form="filter", **options) == [])
    source = sift.decompile(text, form="filter", **options)
    again = sift.compile_json(source, emit="filter", **options)
    assert json.loads(again) == document
    # The text sift writes is a fixed point: decompiling it gives the same source.
    assert sift.decompile(again, form="filter", **options) == source
    assert sift.compile(source, emit="filter", **options) == document


@settings(max_examples=100, deadline=None)
@given(filters)
def test_every_form_round_trips(document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    assume(sift.validate(text, entity=ENTITY, target="2026-10", form="filter") == [])
    request = {
        "entity": ENTITY,
        "action": "context_store_search",
        "params": {"query": {"filter": document}, "limit": 7},
    }
    source = sift.decompile(request, target="2026-10")
    assert sift.compile(source, emit="request", target="2026-10") == request
