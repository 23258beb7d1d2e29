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
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import importlib.metadata
import json
import os
import shutil
from collections.abc import Callable, Collection, Coroutine, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import lookup, pagefind_order
from generator.config import SiteConfig
from generator.link import CableMeta, Corpus

SHARD_CAP = 8000
"""Pages per shard: about 3 GB for the Pagefind binary, so two shards fit side by side."""
FORMAT = "2"
"""Bump when what index.py adds to pages changes, so cached shards are rebuilt."""
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


def sort_key(created: str | None) -> str:
    """The value Pagefind sorts "date" by; undated cables come first, as in the corpus order."""
    return created.replace(":", "") if created else "0000"


def mark(html: str, shard: str, m: CableMeta) -> str:
    """Add the shard and year filters and the date sort key to a page's HTML, for the index.

    Shard and sort key must agree with `plan`'s order for date sorting across
    shards to be exact, and the year comes from the corpus (the DTG, else the
    ID), which a page without a date does not show; so they come from here
    rather than from the template. The elements are empty: nothing is added
    to the searchable text.
    """
    year = str(m.year) if m.year is not None else "undated"
    tag = (
        f'<span hidden data-pagefind-filter="shard:{shard}" '
        f'data-pagefind-sort="date:{sort_key(m.created)}"></span>'
        f'<span hidden data-pagefind-filter="year:{year}"></span>'
    )
    at = html.find("<body")
    end = html.find(">", at) + 1 if at >= 0 else 0
    return html[:end] + tag + html[end:]


def _digest(site_dir: Path, corpus: Corpus, shard: Shard) -> str:
    h = hashlib.sha256(f"{FORMAT} {_pagefind_version()} {shard.name}\n".encode())
    for cid in shard.ids:
        page = site_dir / corpus.cables[cid].path
        data = page.read_bytes() if page.is_file() else b""
        h.update(f"{cid} {hashlib.sha1(data).hexdigest()}\n".encode())
    return h.hexdigest()


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _stage_pages(site_dir: Path, corpus: Corpus, shard: Shard, folder: Path) -> list[str]:
    """Write the shard's marked pages under `folder`, at their site paths; returns those missing."""
    missing: list[str] = []
    shutil.rmtree(folder, ignore_errors=True)
    for cid in shard.ids:
        m = corpus.cables[cid]
        try:
            html = (site_dir / m.path).read_text("utf-8")
        except OSError:
            missing.append(m.path)
            continue
        target = folder / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(mark(html, shard.name, m), "utf-8")
    return missing


async def _index_shard(site_dir: Path, corpus: Corpus, shard: Shard, out: Path) -> list[str]:
    """Index one shard's pages into `out`; returns the pages that could not be read.

    The marked pages are staged in a folder and indexed with one add_directory
    request: the binary then reads and parses them on all cores. Sent one by one
    with add_html_file, pages wait on the Python service's 100 ms response poll,
    which caps indexing at ten pages a second.
    """
    from pagefind.index import IndexConfig, PagefindIndex

    pages = out.with_name(out.name + ".pages")
    missing = await asyncio.to_thread(_stage_pages, site_dir, corpus, shard, pages)
    config = IndexConfig(force_language="en", output_path=str(out))
    try:
        async with PagefindIndex(config) as index:
            await index.add_directory(str(pages))
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    await asyncio.to_thread(pagefind_order.normalise, out)
    return missing


async def _index_all(
    site_dir: Path,
    corpus: Corpus,
    todo: list[Shard],
    store: Path,
    jobs: int,
    tell: Callable[[str, int, int], None],
) -> list[str]:
    gate = asyncio.Semaphore(jobs)
    warnings: list[str] = []
    done: list[str] = []

    async def one(shard: Shard) -> None:
        async with gate:
            tmp = store / f"{shard.name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            try:
                missing = await _index_shard(site_dir, corpus, shard, tmp)
            except Exception as exc:  # the binary failed: report it, keep the other shards
                shutil.rmtree(tmp, ignore_errors=True)
                warnings.append(f"search shard {shard.name}: Pagefind failed: {exc}")
                return
            warnings.extend(f"{p}: page missing when indexing; not searchable" for p in missing)
            final = store / shard.name
            shutil.rmtree(final, ignore_errors=True)
            tmp.rename(final)
            done.append(shard.name)
            tell("search", len(done), len(todo))

    await asyncio.gather(*(one(s) for s in todo))
    return warnings


def _run(job: Callable[[], Coroutine[Any, Any, list[str]]]) -> list[str]:
    """Run the indexing coroutine, on its own thread when this one already runs a loop.

    A caller may itself be async (a preview server, a browser driver in tests);
    asyncio.run refuses to nest, a fresh thread has no loop.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(job())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(job())).result()


def _link_tree(src: Path, dst: Path) -> None:
    """Copy a cached shard into the site, as hard links when the file system allows."""

    def link(s: str, d: str) -> None:
        try:
            os.link(s, d)
        except OSError:
            shutil.copy2(s, d)

    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=link)


def _load_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    shards = data.get("shards") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in shards.items()} if isinstance(shards, dict) else {}


def _write_text(site_dir: Path, files: Iterable[tuple[str, str]]) -> None:
    for rel, text in files:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")


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
    (the shard list the search page merges) and search/lookup/ (see generator.lookup).
    `changed` is accepted for callers that track changed cables; unchanged shards
    are found by hashing the pages themselves, which also catches template changes.
    """
    store = config.cache / "search"
    store.mkdir(parents=True, exist_ok=True)
    shards = plan(corpus, cap or SHARD_CAP)
    before = _load_manifest(store / "manifest.json")
    digests = {s.name: _digest(site_dir, corpus, s) for s in shards}
    todo = [
        s for s in shards if before.get(s.name) != digests[s.name] or not (store / s.name).is_dir()
    ]
    jobs = config.jobs or os.cpu_count() or 1
    tell = progress or (lambda stage, done, total: None)
    tell("search", 0, len(todo))
    warnings = _run(lambda: _index_all(site_dir, corpus, todo, store, jobs, tell)) if todo else []
    ready = [s for s in shards if (store / s.name).is_dir()]
    manifest = {s.name: digests[s.name] for s in ready}
    (store / "manifest.json").write_text(json.dumps({"shards": manifest}, indent=1), "utf-8")
    names = {s.name for s in shards}
    for stale in store.iterdir():
        if stale.is_dir() and stale.name not in names:
            shutil.rmtree(stale, ignore_errors=True)
    out = site_dir / OUTPUT
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for s in ready:
        _link_tree(store / s.name, out / s.name)
    if ready:
        shutil.copy2(out / ready[0].name / "pagefind-highlight.js", out / "pagefind-highlight.js")
    listing = lookup.script("shards", [s.name for s in ready])
    _write_text(site_dir, [(SHARDS_SCRIPT, listing), *lookup.lookup_files(corpus).items()])
    built = {s.name for s in todo}
    return IndexReport(
        pages=sum(len(s.ids) for s in ready),
        shards=tuple(s.name for s in ready),
        built=tuple(s.name for s in ready if s.name in built),
        reused=tuple(s.name for s in ready if s.name not in built),
        warnings=tuple(warnings),
    )
