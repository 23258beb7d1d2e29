"""Run one function over many items, in worker processes when it pays.

Workers are forked, so they inherit what the parent set up before the pool
started (the config, the linked Corpus, the staging folder) without pickling
it; only the items and the small results cross the process boundary. Results
come back in input order, which keeps builds reproducible.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more to start than it saves.
IN_PROCESS_BELOW = 200

_FN: Callable[..., object] | None = None


def workers(jobs: int | None) -> int:
    """Worker count: `jobs` when positive, else one per core."""
    return jobs if jobs and jobs > 0 else (os.cpu_count() or 1)


def _run_chunk(chunk: Sequence[object]) -> list[object]:
    assert _FN is not None, "pool worker started without a function"
    return [_FN(item) for item in chunk]


def run(
    fn: Callable[[T], R],
    items: Sequence[T],
    jobs: int | None,
    tick: Callable[[int], None] | None = None,
) -> Iterator[R]:
    """fn(item) for every item, in order; `tick(done)` after each chunk."""
    global _FN
    n = workers(jobs)
    if n <= 1 or len(items) < IN_PROCESS_BELOW or not hasattr(os, "fork"):
        for done, item in enumerate(items, 1):
            yield fn(item)
            if tick and (done % 50 == 0 or done == len(items)):
                tick(done)
        return
    # Small chunks keep every core busy to the end; large ones cut the per-task overhead.
    size = max(16, min(1000, len(items) // (n * 8) or 1))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _FN = fn
    try:
        with warnings.catch_warnings():
            # Forking with threads alive (the preview server's) is safe here: workers
            # only run `fn`, which takes no locks another thread could be holding.
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
                done = 0
                for result in pool.map(_run_chunk, chunks):
                    yield from result  # type: ignore[misc]
                    done += len(result)
                    if tick:
                        tick(done)
    finally:
        _FN = None
