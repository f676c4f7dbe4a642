"""Per-call cost of sift from Python, beside the Rust cost of the same call and beside the
Airbyte SDK's pydantic types validating the same filter.

Run with `crates/sift-py/bench/run.sh` (it builds the release wheel and the Rust timer, and
installs the pinned SDK into a venv under target/), or by hand:

    python bench.py RUST_FIGURES.jsonl

where RUST_FIGURES.jsonl is the output of `cargo run --release --manifest-path
crates/sift-py/bench/rust/Cargo.toml`: the suite's query of 2, 12 and 100 conditions
(`crates/sift-bench/src/lib.rs`), its filter JSON, and the Rust medians. Prints a Markdown
table; every figure is a median of 15 rounds.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import sift
from sift import _native

ROUNDS = 15


def per_call(calls: int, call: Callable[[], Any]) -> float:
    """Median over ROUNDS rounds of the mean nanoseconds of one call."""
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter_ns()
        for _ in range(calls):
            call()
        rounds.append((time.perf_counter_ns() - start) / calls)
    rounds.sort()
    return rounds[ROUNDS // 2]


def fmt(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def pydantic_validator() -> Callable[[str], Any] | None:
    try:
        from airbyte_agent_sdk.connectors.harvest.types import UsersCondition
        from pydantic import TypeAdapter
    except ImportError:
        return None
    adapter = TypeAdapter(UsersCondition)
    return adapter.validate_json


def main() -> None:
    cases = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    pydantic = pydantic_validator()
    rows = []
    for case in cases:
        n = case["conditions"]
        source, filter_json = case["sift"], case["filter"]
        calls = max(200, 100_000 // n)
        assert sift.validate(filter_json, entity="users", target="2026-10", form="filter") == []
        compile_json = per_call(
            calls, lambda: sift.compile_json(source, entity="users", target="2026-10")
        )
        compile_dict = per_call(
            calls, lambda: sift.compile(source, entity="users", target="2026-10")
        )
        validate = per_call(
            calls,
            lambda: sift.validate(filter_json, entity="users", target="2026-10", form="filter"),
        )
        row = {
            "n": n,
            "rust_compile": case["compile_ns"],
            "compile_json": compile_json,
            "compile": compile_dict,
            "rust_validate": case["validate_ns"],
            "validate": validate,
            "pydantic": None,
        }
        if pydantic is not None:
            pydantic(filter_json)
            row["pydantic"] = per_call(calls, lambda: pydantic(filter_json))
        rows.append(row)

    print("| conditions | Rust `sift::compile` | `sift.compile_json` | `sift.compile` (dict) | "
          "overhead (json) | Rust `validate_json_diagnostics` | `sift.validate` | overhead | "
          "SDK pydantic `validate_json` | pydantic ÷ `sift.validate` |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        pyd = r["pydantic"]
        ratio = f"{pyd / r['validate']:.0f}×" if pyd else "n/a (SDK not installed)"
        print(
            f"| {r['n']} | {fmt(r['rust_compile'])} | {fmt(r['compile_json'])} | "
            f"{fmt(r['compile'])} | {fmt(r['compile_json'] - r['rust_compile'])} | "
            f"{fmt(r['rust_validate'])} | {fmt(r['validate'])} | "
            f"{fmt(r['validate'] - r['rust_validate'])} | {fmt(pyd) if pyd else 'n/a'} | {ratio} |"
        )

    # The GIL: what releasing and re-taking it costs on one thread, beside a compile of a
    # query just under and just over the size it is released above.
    detach = per_call(100_000, lambda: _native._detach_roundtrip())
    attached = per_call(100_000, lambda: None)
    print()
    print(f"GIL release + re-acquire, uncontended: {fmt(detach - attached)} "
          f"(the call alone: {fmt(attached)}); released above {_native.DETACH_ABOVE} bytes")
    for size in (64, _native.DETACH_ABOVE, 4 * _native.DETACH_ABOVE):
        query = "from users where " + " and ".join(
            f"weekly_capacity > {i}" for i in range(size // 24)
        )
        cost = per_call(2000, lambda: sift.compile_json(query))
        print(f"compile of {len(query)} bytes: {fmt(cost)}")

    # Contended: with a second thread running Python, a call that releases the GIL waits up to
    # the switch interval to get it back; the time per call of a query under the size shows
    # what holding it saves.
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    small = "from users where is_active = true and weekly_capacity > 3"
    other = threading.Thread(target=spin)
    other.start()
    try:
        held = per_call(2000, lambda: sift.compile_json(small))
        released = per_call(200, lambda: _native._detach_roundtrip())
    finally:
        stop.set()
        other.join()
    print(f"with a second thread running Python: small compile (GIL held) {fmt(held)}; "
          f"a bare release + re-acquire {fmt(released)} (switch interval "
          f"{sys.getswitchinterval() * 1e3:.0f} ms)")


if __name__ == "__main__":
    main()
