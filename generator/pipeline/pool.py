"""Run one function over many items, in worker processes when it pays.

Workers are forked, so they inherit what the parent set up before the pool
started (the config, the linked Corpus, the staging folder) without pickling
it; only the items and the small results cross the process boundary. Items
may be a generator: they are taken a few chunks at a time, so a stream of
list pages never sits in memory whole. Results come back in input order,
which keeps builds reproducible.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
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
    items: Iterable[T],
    jobs: int | None,
    tick: Callable[[int], None] | None = None,
    total: int | None = None,
    chunk: int | None = None,
) -> Iterator[R]:
    """fn(item) for every item, in order; `tick(done)` now and then.

    `chunk` items go to a worker at a time (default: from the count); with
    `chunk`, items are taken to be big enough to pool however few they are.
    """
    n = workers(jobs)
    stream = iter(items)
    head = list(itertools.islice(stream, 2 if chunk else IN_PROCESS_BELOW))
    if n <= 1 or len(head) < (2 if chunk else IN_PROCESS_BELOW) or not hasattr(os, "fork"):
        yield from _in_process(fn, itertools.chain(head, stream), tick)
        return
    known = total if total is not None else (len(items) if isinstance(items, Sequence) else 0)
    # Small chunks keep every core busy to the end; large ones cut the per-task overhead.
    size = chunk or (max(16, min(500, known // (n * 8))) if known else 64)
    yield from _pooled(fn, itertools.chain(head, stream), n, size, tick)


def _in_process(
    fn: Callable[[T], R], items: Iterable[T], tick: Callable[[int], None] | None
) -> Iterator[R]:
    done = 0
    for item in items:
        result = fn(item)
        done += 1
        if tick and done % 50 == 0:
            tick(done)
        yield result
    if tick:
        tick(done)


def _pooled(
    fn: Callable[[T], R],
    items: Iterator[T],
    n: int,
    size: int,
    tick: Callable[[int], None] | None,
) -> Iterator[R]:
    global _FN
    chunks = iter(lambda: list(itertools.islice(items, size)), [])
    _FN = fn
    # Objects the workers inherit (the Corpus: millions at 250,000 cables) are left
    # out of their garbage collections: a full collection walks every tracked object
    # and writes to its header, which would copy each inherited page into each worker.
    gc.freeze()
    try:
        with warnings.catch_warnings():
            # Forking with threads alive (the preview server's) is safe here: workers
            # only run `fn`, which takes no locks another thread could be holding.
            warnings.simplefilter("ignore", DeprecationWarning)
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
                pending: deque[Future[list[object]]] = deque()
                done = 0
                for chunk in itertools.chain(chunks, [None]):
                    if chunk is not None:
                        pending.append(pool.submit(_run_chunk, chunk))
                        if len(pending) < 3 * n:
                            continue
                    while pending and (chunk is None or len(pending) >= 3 * n):
                        result = pending.popleft().result()
                        done += len(result)
                        if tick:
                            tick(done)
                        yield from result  # type: ignore[misc]
    finally:
        gc.unfreeze()
        _FN = None
