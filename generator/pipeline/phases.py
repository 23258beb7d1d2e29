"""The build's phases, each a function so it can be timed, cached and run in workers.

1 parse (workers; only metadata comes back), 3 render cable pages (workers that
inherit the linked Corpus by fork), 5 search index. Linking (2) is
generator.corpus.link, list pages and exports (4) generator.pipeline.list_phase,
the swap (6) generator.output.write; generator.commands.build calls them in
order, each with the one `Build` of that run (generator.pipeline.run). Phases
do not know how a file becomes a Cable: the Build carries that as `load`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path

import jinja2

from generator.config import SiteConfig
from generator.corpus import link
from generator.corpus.link import CableMeta, Corpus
from generator.incremental import cache as incremental
from generator.model import Cable
from generator.output.write import Staging
from generator.pipeline import pool
from generator.pipeline.run import Build, Loader, Progress, Sink
from generator.pipeline.tally import Parsed, Skipped, Tally
from generator.search import background
from generator.site import family, versions
from generator.site.page_family import PageFamily
from generator.site.pages import Page
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


def from_body() -> list[PageFamily]:
    """The page families drawn from one cable's body (the cable page): phase 3 draws them."""
    return [f for f in family.FAMILIES if f.from_cable is not None]


def render_one(
    build: Build,
    corpus: Corpus,
    sink: Sink,
    cable_id: str,
    made_of: Mapping[str, tuple[object, ...]] | None = None,
) -> str | None:
    """Phase 3 for one cable: its page, record and raw text into the sink; the error, if any.

    `made_of`: family name -> what its page's key was worked out from, when the
    caller keyed the page first (`incremental.held_keys`).
    """
    m = corpus.cables[cable_id]
    config = build.config
    try:
        # Parsing costs more than rendering: load the Cable phase 1 kept when there is one.
        texts = _texts(build, m)
        if texts is None:
            return f"{m.source_path}: the file changed during the build; build again"
        for fam in from_body():
            assert fam.from_cable is not None
            parts = (made_of or {}).get(fam.name)
            for out in fam.from_cable(texts, corpus, config, parts):
                sink.put(out.path, build.draw(out) if isinstance(out, Page) else out.data)
    except jinja2.TemplateError:
        # A template fault is the site's, not the cable's: skipping every page it
        # breaks would swap an empty site in for a good one. Fail the build instead.
        raise
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        return f"{m.source_path}: could not render {m.id} ({type(exc).__name__}: {exc})"
    return None


def _texts(build: Build, m: CableMeta) -> tuple[Cable, ...] | None:
    """The cable's text of each version, in version order (None: one changed since read).

    The shown one is read from where its metadata came from; the others from
    their first input, each from the cache when phase 1 kept it, else parsed again.
    """
    at = versions.shown_index(m)
    texts = []
    for i in range(max(1, len(m.versions))):
        path, digest = (m.source_path, m.digest) if i == at else m.versions[i].inputs[0]
        text = _load(build, path, digest)
        if text is None or text.id != m.id:
            return None
        texts.append(text)
    return tuple(texts)


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
    for cable_id, (error, made) in zip(corpus.order, done, strict=True):
        if error:
            failed.append(Skipped(corpus.cables[cable_id].source_path, error))
            continue
        for path, key in made:
            store.page_made(path, key)
    return failed


def _tick(progress: Progress, stage: str, total: int, done: int) -> None:
    progress(stage, done, total)


def _render_or_carry(
    build: Build, corpus: Corpus, staging: Staging, cid: str
) -> tuple[str | None, list[tuple[str, str]]]:
    """(error, (path, key) of each page) of one cable, carried over from the previous
    site if unchanged."""
    store, config = build.store, build.config
    keyed: dict[str, incremental.HeldKey] = {}
    files: set[str] = set()
    for fam in from_body():
        assert fam.held is not None and fam.held.paths is not None
        keyed[fam.name] = incremental.held_keys(store, fam, corpus, (cid,))[cid]
        files |= fam.held.paths(corpus, config, frozenset((cid,)))
    # Only (path, key) goes back to the parent: what the key was made of stays here.
    made = [(k.path, k.digest) for k in keyed.values()]
    if all(store.page_unchanged(p, k) for p, k in made) and staging.keep(tuple(sorted(files))):
        return None, made
    parts = {name: k.made_of for name, k in keyed.items()}
    return render_one(build, corpus, staging, cid, parts), made


def draw_one(build: Build, sink: Sink, page: Page) -> str:
    """Render one page into the sink; returns its path."""
    sink.put(page.path, build.draw(page))
    return page.path


def index_start(build: Build, corpus: Corpus, staging: Staging) -> background.Indexing | None:
    """Phase 5 begins, when search is on: the cable pages are written, so Pagefind can start.

    It runs beside phase 4 (list pages and exports); `index_phase` finishes it.
    """
    if not build.config.search:
        return None
    return background.Indexing(build.config, staging.root, corpus)


def index_phase(build: Build, started: background.Indexing | None) -> None:
    """Phase 5 ends: wait for the search shards and put them into the site."""
    if started is not None:
        report = started.finish()
        build.progress("search", len(report.built), len(report.built))
