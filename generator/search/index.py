"""Index stage: the rendered cable pages -> a sharded Pagefind search index.

One Pagefind index holds every page in memory while it builds (about 19 GB for
50,000 pages), so the archive is indexed in shards of at most SHARD_CAP pages,
each into its own folder pagefind/<shard>/, and the search page merges them in
the browser with Pagefind's multisite support (mergeIndex).

Shards are contiguous runs of the chronological order, cut at month edges when
possible. That keeps date sorting exact across shards: Pagefind sorts inside a
shard, and the search page walks the shards in order (see static/search.js).
A shard whose pages did not change since the last build is not indexed again:
its output is kept in the cache folder and linked back into the new site.
`build_index` writes a site being built; `update_index` brings a served site
up to date after an edit, re-indexing only the shards the edit touched and
swapping each into place (generator.search.publish), without reading the pages
of the others.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.search import directory, lookup, pagefind_order
from generator.search import page_input as index_input
from generator.search import publish as files
from generator.search.binary import Control, pagefind_version, run_async, run_pagefind

SHARD_CAP = 5000
"""Pages per shard. Pagefind holds about 0.38 MB a page while it indexes: two 8,000-page
shards side by side took 6 GB at 250,000 cables, 7.6 GB with the build's own 1.6 GB.
At 5,000 two shards and the build stay under 6 GB, at the price of more shards, hence
more requests, per query."""
FORMAT = "3"
"""Bump when what Pagefind is handed of a page (index_input) changes: cached shards go stale."""
OUTPUT = "pagefind"
SHARDS_SCRIPT = "search/shards.js"
# The bundle's prebuilt UIs are not used (static/search.js is the UI); dropping
# them keeps every shard folder to what a search downloads.
_UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
)


@dataclass(frozen=True)
class Shard:
    """One Pagefind index: a contiguous run of cables in chronological order."""

    name: str
    """Folder name under pagefind/, e.g. "2009-12" or "2009-12-2"; also its filter value."""
    ids: tuple[str, ...]


@dataclass(frozen=True)
class IndexReport:
    """What the index stage did."""

    pages: int
    shards: tuple[str, ...]
    """Every shard of the index, in chronological order."""
    built: tuple[str, ...]
    """Shards indexed by this build."""
    reused: tuple[str, ...]
    """Shards copied unchanged from the previous build."""
    warnings: tuple[str, ...]


def _unit(created: str | None) -> str:
    return created[:7] if created else "undated"


def plan(corpus: Corpus, cap: int = SHARD_CAP) -> tuple[Shard, ...]:
    """Cut the chronological order into shards of at most `cap` cables.

    Whole months are packed together; a month larger than `cap` is split, so
    every shard stays bounded however large the archive grows.
    """
    months: dict[str, list[str]] = {}
    for cid in corpus.order:
        months.setdefault(_unit(corpus.cables[cid].created), []).append(cid)
    shards: list[Shard] = []
    name, run = "", list[str]()
    for month, ids in months.items():
        if len(run) + len(ids) > cap and run:
            shards.append(Shard(name, tuple(run)))
            run = []
        if not run:
            name = month
        run.extend(ids)
        for n in range(2, 10**6):
            if len(run) <= cap:
                break
            shards.append(Shard(name, tuple(run[:cap])))
            run, name = run[cap:], f"{month}-{n}"
    if run:
        shards.append(Shard(name, tuple(run)))
    return tuple(shards)


def _salt(shard: Shard) -> str:
    return f"{FORMAT} {pagefind_version()} {shard.name}"


async def _index_shard(
    site_dir: Path,
    corpus: Corpus,
    shard: Shard,
    out: Path,
    stop: Control | None = None,
) -> tuple[list[str], directory.Terms]:
    """Index one shard's pages into `out`; (the pages that could not be read, its terms).

    What Pagefind reads of each page (generator.search.page_input) is staged in a
    folder, which the bundled binary indexes in one run, reading and parsing
    the pages on all cores. The shard's terms for the directory are read from
    the same staged pages.
    """
    pages = out.with_name(out.name + ".pages")
    stage = index_input.stage
    missing = await asyncio.to_thread(stage, site_dir, corpus, shard.name, shard.ids, pages)
    try:
        terms = await asyncio.to_thread(directory.read_staged, pages)
        await run_pagefind(pages, out, stop)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    await _finish_bundle(out)
    return missing, terms


async def _finish_bundle(out: Path) -> None:
    """Drop the bundle's unused files and put the index's own in a fixed order."""
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    await asyncio.to_thread(pagefind_order.normalise, out)


async def _index_all(
    site_dir: Path,
    corpus: Corpus,
    todo: list[Shard],
    digests: dict[str, str],
    store: Path,
    jobs: int,
    tell: Callable[[str, int, int], None],
    stop: Control | None = None,
) -> tuple[list[str], list[str]]:
    """Index each shard of `todo` into store/<name>; returns (names indexed, warnings).

    A shard Pagefind fails on is removed from the store, so it is left out of
    the site rather than served stale, and indexed again by the next build.
    """
    gate = asyncio.Semaphore(jobs)
    warnings: list[str] = []
    done: list[str] = []

    async def one(shard: Shard) -> None:
        async with stop.slot() if stop is not None else gate:
            if stop is not None and stop.halted:
                return
            # A name of this process's own: a Pagefind left running by a killed
            # earlier run must not write into the folder this run indexes into.
            tmp, final = store / f"{shard.name}.tmp-{os.getpid()}", store / shard.name
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                missing, terms = await _index_shard(site_dir, corpus, shard, tmp, stop)
            except Exception as exc:  # the binary failed: report it, keep the other shards
                if stop is not None and stop.halted:
                    # The build failed and killed it: the cache keeps its last good copy.
                    shutil.rmtree(tmp, ignore_errors=True)
                    return
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.rmtree(final, ignore_errors=True)
                warnings.append(f"search shard {shard.name}: Pagefind failed: {exc}")
                return
            if stop is not None and stop.halted:
                shutil.rmtree(tmp, ignore_errors=True)
                return
            warnings.extend(f"{p}: page missing when indexing; not searchable" for p in missing)
            shutil.rmtree(final, ignore_errors=True)
            tmp.rename(final)
            # Kept only with a shard the run keeps, under the hash of its pages: a
            # cancelled build (generator.search.background) forgets both together.
            kept = directory.terms_path(store, shard.name)
            await asyncio.to_thread(directory.save, kept, terms, digests[shard.name])
            done.append(shard.name)
            tell("search", len(done), len(todo))

    await asyncio.gather(*(one(s) for s in todo))
    return done, warnings


def _index(
    config: SiteConfig,
    site_dir: Path,
    corpus: Corpus,
    todo: list[Shard],
    digests: dict[str, str],
    progress: Callable[[str, int, int], None] | None,
    stop: Control | None = None,
) -> tuple[list[str], list[str]]:
    """Index the shards of `todo` into the cache, on every core; (names indexed, warnings)."""
    store = config.cache / "search"
    store.mkdir(parents=True, exist_ok=True)
    jobs = config.jobs or os.cpu_count() or 1
    tell = progress or (lambda stage, done, total: None)
    tell("search", 0, len(todo))
    if not todo:
        return [], []

    return run_async(lambda: _index_all(site_dir, corpus, todo, digests, store, jobs, tell, stop))


def _index_directory(pages: Path, out: Path) -> None:
    """Index the staged directory pages into `out`, as a shard is indexed."""

    async def job() -> None:
        await run_pagefind(pages, out)
        await _finish_bundle(out)

    run_async(job)


def _format() -> str:
    return f"{FORMAT} {pagefind_version()}"


def _finish(
    config: SiteConfig,
    site_dir: Path,
    corpus: Corpus,
    shards: tuple[Shard, ...],
    entries: dict[str, files.Entry],
    built: list[str],
    warnings: list[str],
) -> IndexReport:
    """Record the cache's manifest and write the site's small search files; the report."""
    store = config.cache / "search"
    ready = [s for s in shards if s.name in entries and (store / s.name).is_dir()]
    files.save_manifest(store / files.MANIFEST, _format(), {s.name: entries[s.name] for s in ready})
    files.prune_dirs(store, {s.name for s in shards} | {directory.FOLDER, directory.TERMS})
    digests = {s.name: entries[s.name].digest for s in ready}
    ready_ids = {s.name: s.ids for s in ready}
    warnings = warnings + directory.update(
        store, site_dir, corpus, ready_ids, digests, _format(), _index_directory
    )
    out = site_dir / OUTPUT
    highlight = out / ready[0].name / "pagefind-highlight.js" if ready else None
    small = {
        SHARDS_SCRIPT: lookup.script("shards", [s.name for s in ready]),
        **lookup.lookup_files(corpus, lookup.site_registry(config)),
    }
    if highlight is not None:
        small[f"{OUTPUT}/pagefind-highlight.js"] = highlight.read_text("utf-8")
    files.write_changed(site_dir, small)
    files.prune_files(site_dir, lookup.FOLDER, small)
    for folder in (out, (site_dir / SHARDS_SCRIPT).parent):
        files.sweep(folder)
    return IndexReport(
        pages=sum(len(s.ids) for s in ready),
        shards=tuple(s.name for s in ready),
        built=tuple(s.name for s in ready if s.name in built),
        reused=tuple(s.name for s in ready if s.name not in built),
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class Indexed:
    """The shards of a site being built, indexed into the cache but not yet in the site."""

    shards: tuple[Shard, ...]
    entries: dict[str, files.Entry]
    built: list[str]
    warnings: list[str]


def index_shards(
    config: SiteConfig,
    site_dir: Path,
    corpus: Corpus,
    cap: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    stop: Control | None = None,
) -> Indexed:
    """Index every shard whose pages changed since the cache's copy into the cache.

    Reads only the cable pages of `site_dir`, so it may run while other pages are
    still being written (generator.search.background). Unchanged shards are found
    by hashing every page, which also catches template changes.
    """
    store = config.cache / "search"
    shards = plan(corpus, cap or SHARD_CAP)
    fmt, before = files.load_manifest(store / files.MANIFEST)
    entries = {
        s.name: files.Entry(
            index_input.digest(site_dir, corpus, s.ids, _salt(s)), files.members(s.ids)
        )
        for s in shards
    }
    todo = [
        s
        for s in shards
        if fmt != _format()
        or before.get(s.name) != entries[s.name]
        or not (store / s.name).is_dir()
    ]
    digests = {s.name: entries[s.name].digest for s in todo}
    built, warnings = _index(config, site_dir, corpus, todo, digests, progress, stop)
    return Indexed(shards, entries, built, warnings)


def publish_built(config: SiteConfig, site_dir: Path, corpus: Corpus, done: Indexed) -> IndexReport:
    """Put the shards `index_shards` left in the cache into `site_dir`, with the lookup files."""
    store = config.cache / "search"
    out = site_dir / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for s in done.shards:
        if (store / s.name).is_dir():
            files.link_tree(store / s.name, out / s.name)
    return _finish(config, site_dir, corpus, done.shards, done.entries, done.built, done.warnings)


def build_index(
    config: SiteConfig,
    site_dir: Path,
    corpus: Corpus,
    changed: Collection[str] | None = None,
    cap: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Index the cable pages rendered into `site_dir`, and write the offline lookup.

    Writes site_dir/pagefind/<shard>/ for every shard, pagefind/pagefind-highlight.js
    (loaded by cable pages to highlight the words searched for), search/shards.js
    (the shard list the search page merges) and search/lookup/ (see generator.search.lookup).
    `site_dir` is a site being built, not one being served: pagefind/ is replaced
    whole (`update_index` updates a served site). `changed` is accepted for callers
    that track changed cables; unchanged shards are found by hashing every page,
    which also catches template changes.
    """
    done = index_shards(config, site_dir, corpus, cap, progress)
    return publish_built(config, site_dir, corpus, done)


def update_index(
    config: SiteConfig,
    site_dir: Path,
    corpus: Corpus,
    changed: Collection[str],
    cap: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> IndexReport:
    """Bring the search index of the live site `site_dir` up to date with `corpus`.

    `site_dir` is a published site whose cable pages are already up to date, last
    indexed by `build_index` or `update_index` with this config's cache;
    `changed` holds the IDs of cables whose page was added, re-rendered or
    removed since (a removed ID is no longer in `corpus`). Only the shards whose
    membership changed, or that hold a changed cable and whose pages no longer
    hash as when last indexed, are indexed again: every other shard is taken on
    the cache manifest's word, without reading its pages. Each rebuilt shard
    replaces its folder in the site by a rename (see index_files.swap_in);
    shards that no longer exist are removed; search/shards.js and the lookup
    files are rewritten only when their bytes change. The result is byte for
    byte what `build_index` writes for the same pages into an empty site.
    """
    store = config.cache / "search"
    shards = plan(corpus, cap or SHARD_CAP)
    fmt, before = files.load_manifest(store / files.MANIFEST)
    out = site_dir / OUTPUT
    touched = set(changed)

    digests: dict[str, str] = {}

    def trusted(s: Shard) -> bool:
        """Whether the manifest's entry still describes this shard's folders."""
        entry = before.get(s.name)
        return (
            fmt == _format()
            and entry is not None
            and entry.members == files.members(s.ids)
            and (store / s.name).is_dir()
            and (out / s.name).is_dir()
        )

    def same_pages(s: Shard) -> bool:
        digests[s.name] = index_input.digest(site_dir, corpus, s.ids, _salt(s))
        return digests[s.name] == before[s.name].digest

    # A page drawn again can come out the same (a cable listing an edited one):
    # hashing its shard's pages costs far less than indexing them again.
    todo = [
        s for s in shards if not trusted(s) or (not touched.isdisjoint(s.ids) and not same_pages(s))
    ]
    for s in todo:
        if s.name not in digests:
            digests[s.name] = index_input.digest(site_dir, corpus, s.ids, _salt(s))
    built, warnings = _index(config, site_dir, corpus, todo, digests, progress)
    stale = {s.name for s in todo}
    entries = {s.name: before[s.name] for s in shards if s.name not in stale}
    for s in todo:
        if s.name in built:
            entries[s.name] = files.Entry(digests[s.name], files.members(s.ids))
            files.swap_in(store / s.name, out / s.name)
    files.prune_dirs(out, set(entries) | {directory.FOLDER})
    return _finish(config, site_dir, corpus, shards, entries, built, warnings)
