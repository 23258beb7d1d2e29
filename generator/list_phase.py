"""Phase 4 of a full build: index pages, editorial pages and the exports.

The work is dealt into units a forked worker does whole: the exports, the
index pages, and parts of the cable lists (generator.list_parts). A worker
builds its pages' contexts, their cache keys and their HTML itself, so the
parent only hands out small `Keys` values and collects (path, key) pairs; when
the parent built every context and pickled it to a worker, it was the
bottleneck and a second core barely helped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from generator import cache as incremental
from generator import exports, list_parts, lists, pool, urls
from generator.config import SiteConfig
from generator.link import Corpus
from generator.pages import Page
from generator.phases import Progress, draw_one, editorial_pages, other_pages
from generator.write import Staging

PARTS_PER_WORKER = 8
"""Parts of the cable lists per worker: enough that all finish close together."""


@dataclass(frozen=True)
class Unit:
    """One worker's task: "exports", "overviews", or the cable lists of `keys`."""

    kind: str
    keys: lists.Keys | None = None


@dataclass(frozen=True)
class Drawn:
    """What a unit wrote: the file count and (path, cache key) of each page."""

    files: int
    made: tuple[tuple[str, str], ...]


def list_phase(
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    progress: Progress,
    jobs: int | None = None,
    store: incremental.Store | None = None,
) -> int:
    """Phase 4: index pages, editorial pages, 404 and the exports; returns files written.

    With a cache, a page whose context is unchanged is carried over from the
    previous site instead of drawn.
    """
    if store is not None:
        store.pages  # noqa: B018 - read once, before the workers fork, not once in each
    units = [Unit("exports"), Unit("overviews")]
    dealt = list_parts.parts(corpus, pool.workers(jobs) * PARTS_PER_WORKER, config.page_size)
    units += [Unit("lists", keys) for keys in dealt]
    work = partial(_draw_unit, config, corpus, staging, store, editorial_pages(config))
    # Below the pool's threshold of cables, forking costs more than it saves.
    chunk = 1 if len(corpus.cables) >= pool.IN_PROCESS_BELOW else None
    count = 0
    tick = partial(_tick, progress, len(units))
    for drawn in pool.run(work, units, jobs, tick, chunk=chunk):
        count += drawn.files
        if store is not None:
            for path, key in drawn.made:
                store.page_made(path, key)
    return count


def _tick(progress: Progress, total: int, done: int) -> None:
    progress("lists", done, total)


def _draw_unit(
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    store: incremental.Store | None,
    editorial: list[Page],
    unit: Unit,
) -> Drawn:
    """Do one unit in this process (a worker, or the parent for a small site)."""
    if unit.kind == "exports":
        return Drawn(_exports(config, corpus, staging, editorial), ())
    if unit.kind == "overviews":
        pages: Iterator[Page] = chain(
            lists.overview_pages(corpus, config), other_pages(config, corpus, editorial)
        )
    else:
        pages = lists.pages(corpus, config, unit.keys)
    files = 0
    made: list[tuple[str, str]] = []
    for page in pages:
        files += 1
        if store is None:
            draw_one(config, staging, page)
            continue
        key = store.page_key(page.template, page)
        if not (store.page_unchanged(page.path, key) and staging.keep((page.path,))):
            draw_one(config, staging, page)
        made.append((page.path, key))
    return Drawn(files, tuple(made))


def _exports(config: SiteConfig, corpus: Corpus, staging: Staging, editorial: list[Page]) -> int:
    """Write the exports (cables.jsonl, cables.csv, the feed, the sitemaps); returns files."""
    count = 0
    records = _records(corpus, staging)
    for path, data in exports.files(corpus, config, records, [p.path for p in editorial]):
        staging.put(path, data)
        count += 1
    return count


def _records(corpus: Corpus, staging: Staging) -> Iterator[tuple[str, dict[str, Any] | bytes]]:
    """(ID, cables.jsonl line) of every cable that has a page, in order.

    A cable's JSON file is its line of the export, so the line is read back
    from the site being built, never held: the export is GBs at scale.
    """
    for cid in corpus.order:
        try:
            line = staging.read(urls.cable_json(corpus.cables[cid].path))
        except FileNotFoundError:
            continue  # its page could not be made
        yield cid, line
