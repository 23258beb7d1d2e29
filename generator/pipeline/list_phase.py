"""Phase 4 of a full build: every page family not drawn from cable bodies, and the exports.

The families of generator.site.family.FAMILIES are dealt into units a forked
worker does whole: the exports (families made of `files`), the families drawn
whole (index pages, editorial pages, 404, search), and parts of the cable lists
(families whose `Held` has an `index`: generator.pipeline.list_parts). A worker
builds its pages' contexts, their cache keys and their HTML itself, so the
parent only hands out small `Part` values and collects (path, key) pairs; when
the parent built every context and pickled it to a worker, it was the
bottleneck and a second core barely helped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.incremental import cache as incremental
from generator.output.write import Staging
from generator.pipeline import list_parts, pool
from generator.pipeline.phases import draw_one
from generator.pipeline.run import Build, Progress
from generator.site import family
from generator.site.pages import Page

PARTS_PER_WORKER = 8
"""Parts of the cable lists per worker: enough that all finish close together."""


@dataclass(frozen=True)
class Unit:
    """One worker's task: "exports", "whole" (the families drawn whole), or a part of the lists."""

    kind: str
    part: list_parts.Part = ()


@dataclass(frozen=True)
class Drawn:
    """What a unit wrote: the file count and (path, cache key) of each page."""

    files: int
    made: tuple[tuple[str, str], ...]


def list_phase(build: Build, corpus: Corpus, staging: Staging) -> int:
    """Phase 4: index pages, editorial pages, 404 and the exports; returns files written.

    A page whose context is unchanged is carried over from the previous site
    instead of drawn.
    """
    config, store, jobs = build.config, build.store, build.jobs
    store.pages  # noqa: B018 - read once, before the workers fork, not once in each
    units = [Unit("exports"), Unit("whole")]
    dealt = list_parts.parts(corpus, pool.workers(jobs) * PARTS_PER_WORKER, config.page_size)
    units += [Unit("lists", part) for part in dealt]
    work = partial(_draw_unit, build, corpus, staging)
    # Below the pool's threshold of cables, forking costs more than it saves.
    chunk = 1 if len(corpus.cables) >= pool.IN_PROCESS_BELOW else None
    count = 0
    tick = partial(_tick, build.progress, len(units))
    for drawn in pool.run(work, units, jobs, tick, chunk=chunk):
        count += drawn.files
        for path, key in drawn.made:
            store.page_made(path, key)
    return count


def _tick(progress: Progress, total: int, done: int) -> None:
    progress("lists", done, total)


def _draw_unit(build: Build, corpus: Corpus, staging: Staging, unit: Unit) -> Drawn:
    """Do one unit in this process (a worker, or the parent for a small site)."""
    config, store = build.config, build.store
    if unit.kind == "exports":
        return Drawn(_exports(build, corpus, staging), ())
    files = 0
    made: list[tuple[str, str]] = []
    for page in unit_pages(config, corpus, unit):
        files += 1
        key = incremental.drawn_key(store, page)
        if not (store.page_unchanged(page.path, key) and staging.keep((page.path,))):
            draw_one(build, staging, page)
        made.append((page.path, key))
    return Drawn(files, tuple(made))


def unit_pages(config: SiteConfig, corpus: Corpus, unit: Unit) -> Iterator[Page]:
    """The pages of a "whole" unit or of a part of the lists."""
    if unit.kind == "lists":
        named = dict(unit.part)
        for fam in list_parts.dealt():
            yield from fam.draw(corpus, config, named.get(fam.name, frozenset()))
        return
    dealt = {f.name for f in list_parts.dealt()}
    for fam in family.FAMILIES:
        if fam.pages is not None and fam.name not in dealt:
            yield from fam.draw(corpus, config)


def _exports(build: Build, corpus: Corpus, staging: Staging) -> int:
    """Write the exports (cables.jsonl, cables.csv, the feed, the sitemaps); returns files."""
    count = 0
    for fam in family.FAMILIES:
        if fam.files is not None:
            for path, data in fam.files(corpus, build.config, _records(corpus, staging), None):
                staging.put(path, build.export(data))
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
