"""Threads: one catalog shared by 8 threads compiling at once, small queries (worked on with
the GIL held) and large ones (worked on with it released), each thread getting exactly what
one thread alone gets."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sift

CATALOG = sift.Catalog.builtin()


def queries(n: int) -> list[str]:
    small = [f"from time_entries where hours > {i} and billable = true" for i in range(n)]
    # Far above the size the GIL is released at.
    large = [
        "from time_entries where " + " or ".join(f"hours = {i + k}" for k in range(200))
        for i in range(n)
    ]
    return small + large


def test_eight_threads_share_one_catalog() -> None:
    work = queries(40)
    assert len(work[-1]) > sift._native.DETACH_ABOVE
    expected = [sift.compile_json(q, catalog=CATALOG) for q in work]
    start = threading.Barrier(8)

    def run(offset: int) -> list[str]:
        start.wait(timeout=30)
        order = work[offset:] + work[:offset]
        got = [sift.compile_json(q, catalog=CATALOG) for q in order]
        return got[len(work) - offset :] + got[: len(work) - offset]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, [i * 10 for i in range(8)], timeout=120))
    assert all(result == expected for result in results)


def test_errors_and_catalog_views_from_many_threads() -> None:
    def run(_: int) -> tuple[str, int]:
        try:
            sift.compile("from time_entries where hourz > 1", catalog=CATALOG)
        except sift.SiftError as error:
            code = error.diagnostics[0].code
        return code, len(CATALOG.entity("time_entries").fields)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = set(pool.map(run, range(64), timeout=120))
    assert results == {("sift::check::unknown_field", len(CATALOG.entity("time_entries").fields))}
