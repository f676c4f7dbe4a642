"""Per-call cost of sift from Python, beside the Rust cost of the same call (timed in Rust, in
the same process, by the module's `_time_compile`/`_time_validate`) and beside the Airbyte
SDK's pydantic types validating the same filter (`TypeAdapter(UsersCondition).validate_json`,
as `bench/whole-process.sh` calls them).

Run with `crates/sift-py/bench/run.sh` (it builds the release wheel and installs it, the pinned
SDK and pydantic into a venv under target/), or `python bench.py` where sift and the SDK are
installed. The inputs are the benchmark suite's queries of 2, 12 and 100 conditions
(`crates/sift-bench/src/lib.rs`: `weekly_capacity > i`, `first_name = "ann{i}"`,
`is_active = true` in turn), on `users` of the built-in catalog. Each figure is the best of
ROUNDS rounds (the steadiest estimate on a shared machine: a round can only be slowed by
other work), measured round by round in turn, so all columns see the same machine. Prints a
Markdown table and the GIL figures.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import sift
from sift import _native

ROUNDS = 21
ENTITY = "users"


def condition(i: int) -> str:
    return ["weekly_capacity > {i}", 'first_name = "ann{i}"', "is_active = true"][i % 3].format(i=i)


def group(items: list[str], connective: str) -> str:
    return "(" + f" {connective} ".join(items) + ")"


def suite_queries() -> dict[int, str]:
    """The suite's logical queries, written as `crates/sift-bench/src/lib.rs` writes them."""
    two = " and ".join(condition(i) for i in range(2))
    twelve = " and ".join(
        group(
            [group([condition(4 * g + 2 * h), condition(4 * g + 2 * h + 1)], "and") for h in range(2)],
            "or",
        )
        for g in range(3)
    )
    hundred = " and ".join(group([condition(2 * k), condition(2 * k + 1)], "or") for k in range(50))
    return {2: two, 12: twelve, 100: hundred}


def best_per_call(measures: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Each measure's best round, the measures taken in turn within each round."""
    best = {name: float("inf") for name in measures}
    for _ in range(ROUNDS):
        for name, measure in measures.items():
            best[name] = min(best[name], measure())
    return best


def python_call(calls: int, call: Callable[[], Any]) -> Callable[[], float]:
    def measure() -> float:
        start = time.perf_counter_ns()
        for _ in range(calls):
            call()
        return (time.perf_counter_ns() - start) / calls

    return measure


def fmt(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def pydantic_validator() -> Callable[[str], Any] | None:
    try:
        from airbyte_agent_sdk.connectors.harvest.types import UsersCondition
        from pydantic import TypeAdapter
    except ImportError:
        return None
    validate: Callable[[str], Any] = TypeAdapter(UsersCondition).validate_json
    return validate


def table() -> None:
    pydantic = pydantic_validator()
    print(
        "| conditions | Rust `sift::compile` | `sift.compile_json` | over Rust | `sift.compile` "
        "(dict) | Rust `validate_json_diagnostics` | `sift.validate` | over Rust | SDK pydantic "
        "`validate_json` | pydantic ÷ `sift.validate` |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n, source in suite_queries().items():
        options: dict[str, Any] = {"entity": ENTITY, "target": "2026-10"}
        document = sift.compile_json(source, emit="filter", **options)
        assert sift.validate(document, form="filter", **options) == []
        calls = max(100, 20_000 // n)
        measures = {
            "rust_compile": lambda: _native._time_compile(source, ENTITY, calls) / calls,
            "compile_json": python_call(calls, lambda: sift.compile_json(source, **options)),
            "compile": python_call(calls, lambda: sift.compile(source, **options)),
            "rust_validate": lambda: _native._time_validate(document, ENTITY, calls) / calls,
            "validate": python_call(
                calls, lambda: sift.validate(document, form="filter", **options)
            ),
        }
        if pydantic is not None:
            pydantic(document)
            measures["pydantic"] = python_call(calls, lambda: pydantic(document))
        r = best_per_call(measures)
        pyd = r.get("pydantic")
        ratio = f"{pyd / r['validate']:.1f}×" if pyd else "n/a"
        print(
            f"| {n} | {fmt(r['rust_compile'])} | {fmt(r['compile_json'])} | "
            f"{fmt(r['compile_json'] - r['rust_compile'])} | {fmt(r['compile'])} | "
            f"{fmt(r['rust_validate'])} | {fmt(r['validate'])} | "
            f"{fmt(r['validate'] - r['rust_validate'])} | {fmt(pyd) if pyd else 'n/a (no SDK)'} "
            f"| {ratio} |"
        )


def gil() -> None:
    """What releasing and re-taking the GIL costs, beside compiles just under and over the
    size it is released above."""
    r = best_per_call(
        {
            "detach": python_call(50_000, _native._detach_roundtrip),
            "call": python_call(50_000, lambda: None),
        }
    )
    print()
    print(
        f"- GIL released and re-taken, one thread: {fmt(r['detach'] - r['call'])} "
        f"(beside a bare Python call, {fmt(r['call'])}); sift releases it above "
        f"{_native.DETACH_ABOVE} bytes of input."
    )
    for size in (64, _native.DETACH_ABOVE, 4 * _native.DETACH_ABOVE):
        query = "from users where " + " or ".join(
            f"weekly_capacity = {i}" for i in range(max(1, size // 23))
        )
        cost = best_per_call({"c": python_call(500, lambda: sift.compile_json(query))})["c"]
        print(f"- compile of {len(query)} bytes from Python: {fmt(cost)}")

    # With a second thread running Python, a call that releases the GIL must win it back.
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    small = "from users where is_active = true and weekly_capacity > 3"
    other = threading.Thread(target=spin)
    other.start()
    try:
        # Means, not best rounds: the waits are the point.
        held = python_call(5000, lambda: sift.compile_json(small))()
        released = python_call(500, _native._detach_roundtrip)()
    finally:
        stop.set()
        other.join()
    print(
        f"- with a second thread running Python: a small compile (GIL held) {fmt(held)}; a bare "
        f"release and re-take {fmt(released)} (switch interval {sys.getswitchinterval() * 1e3:.0f} ms)."
    )


if __name__ == "__main__":
    table()
    gil()
