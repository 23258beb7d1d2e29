"""The build's phases, each a function so it can be timed, cached and run in workers.

1 parse (workers; only metadata comes back), 3 render cable pages (workers that
inherit the linked Corpus by fork), 5 search index. Linking (2) is
generator.corpus.link, list pages and exports (4) generator.pipeline.list_phase,
the swap (6) generator.output.write; generator.commands.build calls them in
order, each with the one `Build` of that run (generator.pipeline.run). Phases
do not know how a file becomes a Cable: the Build carries that as `load`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator import urls
from generator.config import SiteConfig
from generator.corpus import link
from generator.corpus.link import CableMeta, Corpus
from generator.incremental import cache as incremental
from generator.model import Cable
from generator.output.write import Staging
from generator.pipeline import pool
from generator.pipeline.run import Build, Loader, Progress, Sink
from generator.pipeline.tally import Parsed, Skipped, Tally
from generator.search import index
from generator.site import cable_page, versions
from generator.site.pages import Page, VersionView
from generator.source.inputs import Listing


def parse_one(
    load: Loader, config: SiteConfig, file: Path, store: incremental.Store | None = None
) -> Parsed:
    """Phase 1 for one file: parse it and keep only what linking needs.

    With a cache, the finished Cable is saved for the render phase to load.
    """
    rel, outcome = load(config, file)
    if outcome.cable is None:
        return Parsed(rel, None, outcome.diagnostics, (), outcome.ignored, outcome.where)
    if store is not None:
        store.save_cable(rel, outcome.cable.digest, outcome.cable)
    return Parsed(rel, link.meta(outcome.cable), outcome.diagnostics, outcome.cable.warnings)


def _parse_all(
    load: Loader,
    config: SiteConfig,
    listing: Listing,
    jobs: int | None,
    tick: Callable[[int], None],
    store: incremental.Store | None,
) -> Iterator[Parsed]:
    """parse_one over the listed files in order; files the cache vouches for are not read."""
    if store is None:
        yield from pool.run(partial(parse_one, load, config), listing.files, jobs, tick)
        return
    rels, states = listing.rels, listing.stats
    known = [store.known(rel, st) for rel, st in zip(rels, states, strict=True)]
    # Path objects only for the files to read: after one edit, one of 50,000.
    todo = [Path(f) for f, k in zip(listing.paths, known, strict=True) if k is None]
    fresh = pool.run(partial(parse_one, load, config, store=store), todo, jobs, tick)
    for rel, state, hit in zip(rels, states, known, strict=True):
        if hit is not None:
            yield hit
            continue
        parsed = next(fresh)
        store.remember(rel, state, parsed.meta.digest if parsed.meta else None, parsed)
        yield parsed


def parse_phase(build: Build, listing: Listing) -> Tally:
    """Phase 1: every input -> metadata, or a reason it was skipped (duplicates included)."""
    progress = build.progress
    tally = Tally()
    tally.broken_rows(listing.broken)
    total = len(listing.paths)
    tick = partial(_tick, progress, "parse", total)
    for parsed in _parse_all(build.load, build.config, listing, build.jobs, tick, build.store):
        tally.add(parsed)
    progress("parse", total, total)
    return tally


def record_bytes(cable: Cable) -> bytes:
    """The JSON record written beside the cable page, exactly `cable.record()`.

    One line, the same bytes as the cable's line of cables.jsonl: the export is
    then the cable files concatenated, and compact JSON is encoded in C while
    an indented dump runs the pure-Python encoder (a tenth of a cable's cost).
    """
    return record_line(cable.record())


def record_line(record: dict[str, Any]) -> bytes:
    """The record as one line of cables.jsonl."""
    return json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n"


def render_one(build: Build, corpus: Corpus, sink: Sink, cable_id: str) -> str | None:
    """Phase 3 for one cable: page, record and raw text into the sink; the error, if any."""
    m = corpus.cables[cable_id]
    config = build.config
    try:
        # Parsing costs more than rendering: load the Cable phase 1 kept when there is one.
        cable = _load(build, m.source_path, m.digest)
        if cable is None or cable.id != m.id:
            return f"{m.source_path}: the file changed during the build; build again"
        cable = versions.counted(cable, m)
        page = cable_page.page(cable, corpus, config)
        if len(m.versions) > 1:
            page = versions.listed(page, _versions(build, sink, m, cable))
        sink.put(page.path, build.draw(page))
        sink.put(urls.cable_json(page.path), record_bytes(cable))
        sink.put(urls.cable_raw(page.path), cable.raw.encode("utf-8"))
    except jinja2.TemplateError:
        # A template fault is the site's, not the cable's: skipping every page it
        # breaks would swap an empty site in for a good one. Fail the build instead.
        raise
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        return f"{m.source_path}: could not render {m.id} ({type(exc).__name__}: {exc})"
    return None


def _versions(build: Build, sink: Sink, m: CableMeta, cable: Cable) -> tuple[VersionView, ...]:
    """Each version's raw text and record, and the diff pages; returns the page's version list.

    `cable` is the shown version; the others are loaded as the cable is, from the
    cache when phase 1 kept them, else parsed again.
    """
    at = versions.shown_index(m)
    texts: list[Cable] = []
    for i, v in enumerate(m.versions):
        text = cable if i == at else _load(build, *v.inputs[0])
        if text is None or text.id != m.id:
            raise ValueError(f"{v.path} changed during the build; build again")
        text = versions.counted(text, m)
        texts.append(text)
        label = versions.labels(m)[i]
        sink.put(urls.cable_version(m.path, label, "txt"), text.raw.encode("utf-8"))
        sink.put(urls.cable_version(m.path, label, "json"), record_bytes(text))
    found = versions.compare(m, texts)
    views = versions.version_list(m, found)
    for page in versions.diff_pages(m, cable, views, found):
        sink.put(page.path, build.draw(page))
    return views


def _load(build: Build, path: str, digest: str) -> Cable | None:
    cable = build.store.load_cable(path, digest)
    if cable is None:
        cable = build.load(build.config, build.config.content / path)[1].cable
    return cable


def render_phase(build: Build, corpus: Corpus, staging: Staging) -> list[Skipped]:
    """Phase 3: every cable page, in worker processes that inherit the Corpus by fork.

    Pages whose inputs did not change are carried over from the previous site
    and only the rest are rendered. Each worker works out the keys of its own
    cables: in the parent that was a serial pass over every cable before the
    first page.
    """
    store = build.store
    # Read once, before the workers fork, rather than once in each.
    store.pages  # noqa: B018
    store.templates  # noqa: B018
    work = partial(_render_or_carry, build, corpus, staging)
    total = len(corpus.order)
    failed: list[Skipped] = []
    tick = partial(_tick, build.progress, "render", total)
    done = pool.run(work, corpus.order, build.jobs, tick)
    for cable_id, (error, key) in zip(corpus.order, done, strict=True):
        m = corpus.cables[cable_id]
        if error:
            failed.append(Skipped(m.source_path, error))
        else:
            store.page_made(m.path, key)
    return failed


def _tick(progress: Progress, stage: str, total: int, done: int) -> None:
    progress(stage, done, total)


def _render_or_carry(
    build: Build, corpus: Corpus, staging: Staging, cid: str
) -> tuple[str | None, str]:
    """(error, page key) of one cable page, carried over from the previous site if unchanged."""
    key = incremental.cable_page_keys(build.store, corpus, (cid,))[cid]
    m = corpus.cables[cid]
    files = versions.files(m)
    if build.store.page_unchanged(m.path, key) and staging.keep(files):
        return None, key
    return render_one(build, corpus, staging, cid), key


def draw_one(build: Build, sink: Sink, page: Page) -> str:
    """Render one page into the sink; returns its path."""
    sink.put(page.path, build.draw(page))
    return page.path


def index_phase(build: Build, corpus: Corpus, staging: Staging) -> None:
    """Phase 5: the Pagefind search index, when enabled."""
    if build.config.search:
        index.build_index(build.config, staging.root, corpus, progress=build.progress)
