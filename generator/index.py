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
import importlib.metadata
import json
import os
import shutil
from collections.abc import Callable, Collection, Coroutine, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import index_input, lookup, pagefind_order
from generator.config import SiteConfig
from generator.link import Corpus

SHARD_CAP = 8000
"""Pages per shard: about 3 GB for the Pagefind binary, so two shards fit side by side."""
FORMAT = "2"
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
    return f"{FORMAT} {_pagefind_version()} {shard.name}"


def _pagefind_version() -> str:
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


async def _index_shard(site_dir: Path, corpus: Corpus, shard: Shard, out: Path) -> list[str]:
    """Index one shard's pages into `out`; returns the pages that could not be read.

    What Pagefind reads of each page (generator.index_input) is staged in a
    folder, which the bundled binary indexes in one run, reading and parsing
    the pages on all cores.
    """
    pages = out.with_name(out.name + ".pages")
    stage = index_input.stage
    missing = await asyncio.to_thread(stage, site_dir, corpus, shard.name, shard.ids, pages)
    try:
        await run_pagefind(pages, out)
    finally:
        shutil.rmtree(pages, ignore_errors=True)
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    await asyncio.to_thread(pagefind_order.normalise, out)
    return missing


async def run_pagefind(pages: Path, out: Path) -> None:
    """Run the Pagefind binary of the pagefind[bin] package as a command over `pages`.

    Not through the package's service API: the service answers a write request
    before its last file writes have landed and is then terminated, which can
    leave a file of the index empty (seen on a loaded machine); a command exits
    only once every file is written. It also skips the service's 100 ms poll.
    """
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RuntimeError("the Pagefind binary is missing: pip install 'pagefind[bin]'")
    # Pagefind also reads PAGEFIND_* variables and pagefind.* files in its working
    # folder: neither may change an index, so run in the staged folder with neither.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    args = ("--site", str(pages), "--output-path", str(out), "--force-language", "en", "--silent")
    proc = await asyncio.create_subprocess_exec(
        str(binary),
        *args,
        cwd=pages,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await proc.communicate()
    if proc.returncode:
        said = output.decode("utf-8", "replace").strip()[-600:]
        raise RuntimeError(f"pagefind exited with status {proc.returncode}: {said}")


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
    digests = {s.name: index_input.digest(site_dir, corpus, s.ids, _salt(s)) for s in shards}
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
