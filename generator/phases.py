"""The build's phases, each a function so it can be timed, cached and run in workers.

1 parse (workers; only metadata comes back), 3 render cable pages (workers that
inherit the linked Corpus by fork), 5 search index. Linking (2) is
generator.link, list pages and exports (4) generator.list_phase and the swap
(6) generator.write; generator.build
calls them in order. Phases do not know how a file becomes a Cable: build passes
that in as `load`, so this module stays below build in the import graph.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
from collections.abc import Callable, Collection, Iterator
from functools import cache, partial
from pathlib import Path
from typing import Any, Protocol

import jinja2

from generator import cable_page, editorial, link, pool, read, reading_page, render, theme, urls
from generator import cache as incremental
from generator.config import SiteConfig
from generator.inputs import Listing
from generator.link import Corpus
from generator.model import Cable, Diagnostic, Source
from generator.pages import Page
from generator.tally import Parsed, Skipped, Tally
from generator.write import Staging


class Loaded(Protocol):
    """What loading one input file gives: a Cable, or the diagnostics saying why not."""

    @property
    def cable(self) -> Cable | None: ...

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]: ...

    @property
    def ignored(self) -> bool: ...

    @property
    def where(self) -> tuple[int, int] | None: ...


Loader = Callable[[SiteConfig, Path], tuple[str, Loaded]]
"""(config, file) -> (path relative to the content folder, what it loaded as)."""


Progress = Callable[[str, int, int], None]


class Sink(Protocol):
    """Where rendered files go: a staging folder (full build) or a patch (incremental)."""

    def put(self, rel: str, data: bytes) -> Any: ...  # write.Data also accepted


def silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


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


def parse_phase(
    load: Loader,
    config: SiteConfig,
    listing: Listing,
    jobs: int | None,
    progress: Progress,
    store: incremental.Store | None = None,
) -> Tally:
    """Phase 1: every input -> metadata, or a reason it was skipped (duplicates included)."""
    tally = Tally()
    tally.broken_rows(listing.broken)
    total = len(listing.paths)
    for parsed in _parse_all(
        load, config, listing, jobs, lambda d: progress("parse", d, total), store
    ):
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


def new_build() -> None:
    """Forget the renderer of an earlier build in this process (a preview server's).

    A renderer reads the templates once; a build that follows an edit of one
    must not draw with the old copy.
    """
    _draw.cache_clear()


@cache
def _draw(config: SiteConfig) -> Callable[[Page], bytes]:
    # One compiled environment per process: workers build their own after the fork.
    return render.renderer(config)


def render_one(
    load: Loader,
    config: SiteConfig,
    corpus: Corpus,
    staging: Sink,
    cable_id: str,
    store: incremental.Store | None = None,
) -> str | None:
    """Phase 3 for one cable: page, record and raw text into staging; the error, if any."""
    m = corpus.cables[cable_id]
    try:
        # Parsing costs more than rendering: load the Cable phase 1 kept when there is one.
        cable = store.load_cable(m.source_path, m.digest) if store else None
        if cable is None:
            cable = load(config, config.content / m.source_path)[1].cable
        if cable is None or cable.id != m.id:
            return f"{m.source_path}: the file changed during the build; build again"
        page = cable_page.page(cable, corpus, config)
        staging.put(page.path, _draw(config)(page))
        staging.put(urls.cable_json(page.path), record_bytes(cable))
        staging.put(urls.cable_raw(page.path), cable.raw.encode("utf-8"))
    except jinja2.TemplateError:
        # A template fault is the site's, not the cable's: skipping every page it
        # breaks would swap an empty site in for a good one. Fail the build instead.
        raise
    except Exception as exc:  # noqa: BLE001 - one bad input never stops a build
        return f"{m.source_path}: could not render {m.id} ({type(exc).__name__}: {exc})"
    return None


def render_phase(
    load: Loader,
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    jobs: int | None,
    progress: Progress,
    store: incremental.Store | None = None,
) -> list[Skipped]:
    """Phase 3: every cable page, in worker processes that inherit the Corpus by fork.

    With a cache, pages whose inputs did not change are carried over from the
    previous site and only the rest are rendered. Each worker works out the
    keys of its own cables: in the parent that was a serial pass over every
    cable before the first page.
    """
    if store is not None:
        # Read once, before the workers fork, rather than once in each.
        store.pages  # noqa: B018
        store.templates  # noqa: B018
    work = partial(_render_or_carry, load, config, corpus, staging, store)
    total = len(corpus.order)
    failed: list[Skipped] = []
    done = pool.run(work, corpus.order, jobs, lambda d: progress("render", d, total))
    for cable_id, (error, key) in zip(corpus.order, done, strict=True):
        m = corpus.cables[cable_id]
        if error:
            failed.append(Skipped(m.source_path, error))
        elif store is not None and key is not None:
            store.page_made(m.path, key)
    return failed


def _render_or_carry(
    load: Loader,
    config: SiteConfig,
    corpus: Corpus,
    staging: Staging,
    store: incremental.Store | None,
    cid: str,
) -> tuple[str | None, str | None]:
    """(error, page key) of one cable page, carried over from the previous site if unchanged."""
    if store is None:
        return render_one(load, config, corpus, staging, cid), None
    key = incremental.cable_page_keys(store, corpus, (cid,))[cid]
    m = corpus.cables[cid]
    files = (m.path, urls.cable_json(m.path), urls.cable_raw(m.path))
    if store.page_unchanged(m.path, key) and staging.keep(files):
        return None, key
    return render_one(load, config, corpus, staging, cid, store), key


def _module(name: str) -> Any:
    """A pipeline module that may not be installed in this tree yet (None if absent)."""
    if importlib.util.find_spec(name) is None:
        return None
    return importlib.import_module(name)


def editorial_sources(config: SiteConfig) -> list[Source]:
    """The Markdown of the editorial pages: content/pages/, then the theme's default pages."""
    own = config.content / "pages"
    files = theme.editorial_files(config.content, config.default_pages)
    return [
        read.read_file(path, own if path.is_relative_to(own) else path.parent)
        for path in files.values()
    ]


def editorial_pages(config: SiteConfig) -> list[Page]:
    """The editorial pages, rendered from Markdown."""
    return list(editorial.pages(editorial_sources(config)))


def editorial_paths(config: SiteConfig) -> list[str]:
    """Site-root paths of the editorial pages, without rendering them."""
    names = theme.editorial_files(config.content, config.default_pages)
    return sorted(urls.editorial(name) for name in names)


def other_pages(config: SiteConfig, corpus: Corpus, written: list[Page]) -> Iterator[Page]:
    """The editorial pages, the 404 page, the reading list and the search page."""
    yield from written
    yield editorial.not_found(config)
    yield reading_page.page(config)
    search_page = _module("generator.search_page")
    if search_page:
        yield search_page.page(config, corpus)


def draw_one(config: SiteConfig, staging: Sink, page: Page) -> str:
    """Render one page into staging; returns its path."""
    staging.put(page.path, _draw(config)(page))
    return page.path


def index_phase(config: SiteConfig, corpus: Corpus, staging: Staging, progress: Progress) -> None:
    """Phase 5: the Pagefind search index, when enabled and available."""
    index = _module("generator.index") if config.search else None
    if index is None:
        return
    fn = index.build_index
    kwargs = {"progress": progress} if "progress" in inspect.signature(fn).parameters else {}
    fn(config, staging.root, corpus, **kwargs)


def index_live(config: SiteConfig, corpus: Corpus, changed: Collection[str]) -> None:
    """Phase 5 after an incremental update: re-index, in the live site, the shards that changed."""
    index = _module("generator.index") if config.search else None
    if index is None:
        return
    update = getattr(index, "update_index", None)
    if update is not None:
        update(config, config.output, corpus, changed)
    else:
        index.build_index(config, config.output, corpus)
