"""In-place update: bring the live site up to date after a few inputs changed.

A full build renders every page into a staging folder and swaps it in. After
an edit that is wasteful: generator.incremental.touched asks each page family
(generator.site.family.FAMILIES) which of its pages the change from the old to
the new Corpus can alter; `apply`
renders those, writes the files whose bytes changed into the live site with a
journaled `write.Patch`, and tells the caller the pages are out (the preview
server reloads open pages then). Exports and the search index follow: they
depend on every cable, so they come after the pages a reader waits for.

The result is byte-identical to a full build (tests/test_incremental.py): the
same page keys decide what to draw, and everything not drawn is what the
previous build, with the same templates and settings, wrote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.incremental import cache as incremental
from generator.incremental import reindex
from generator.incremental.touched import Touched, touched
from generator.output.write import Patch, static_files
from generator.pipeline.phases import draw_one, from_body, render_one
from generator.pipeline.run import Build
from generator.pipeline.tally import Skipped
from generator.site import family
from generator.site.page_family import Only
from generator.site.pages import Page


@dataclass
class Result:
    """What `apply` did, for the build report."""

    failed: list[Skipped]
    """Cables whose page could not be rendered, and why."""
    files: int
    """Files in the site after the update."""


def apply(
    build: Build,
    old: Corpus,
    corpus: Corpus,
    files_before: int,
    lap: Callable[[str], None],
    published: Callable[[list[Skipped]], None],
    index_later: Callable[[SiteConfig, Corpus], None] | None = None,
) -> Result:
    """Patch the live site from `old` to `corpus`; exports and the search index come last."""
    config, store = build.config, build.store
    change = touched(old, corpus)
    store.carry_pages(())
    patch = Patch(config.output)
    try:
        seen: set[str] = set()
        failed, drawn = _cable_pages(build, corpus, patch, change, seen)
        lap("render")
        for page in _pages(config, corpus, store, change, seen):
            draw_one(build, patch, page)
        for gone in sorted(_gone(config, old, change, seen)):
            patch.delete(gone)
            store.new_pages.pop(gone, None)
        _static(config, patch)
        lap("lists")
        patch.commit()
        lap("write")
    except BaseException:
        patch.abort()
        raise
    published(failed)
    files = files_before + patch.created - len(patch.deletes)
    files += _exports(build, corpus, change)
    if config.search:
        # Pages re-rendered because a cable they show changed are indexed again too.
        reindex.remember(config, change.changed | set(drawn))
        (index_later or reindex.now)(config, corpus)
    lap("index")
    return Result(failed, files)


def _static(config: SiteConfig, patch: Patch) -> None:
    """Copy changed static files in, and drop the ones no longer there."""
    wanted = dict(static_files(config.static))
    for rel, data in wanted.items():
        patch.put(rel, data)
    live = config.output / "static"
    for path in sorted(live.rglob("*")) if live.is_dir() else ():
        rel = path.relative_to(config.output).as_posix()
        if path.is_file() and rel not in wanted:
            patch.delete(rel)


def _cable_pages(
    build: Build, corpus: Corpus, patch: Patch, change: Touched, seen: set[str]
) -> tuple[list[Skipped], list[str]]:
    """Render the pages drawn from cable bodies the change touches: (failures, IDs rendered).

    Adds the path of every file of the cables considered, drawn or not, to `seen`.
    """
    store, config = build.store, build.config
    families = from_body()
    # Cables whose page a previous build could not make are tried again every time.
    missing = [cid for cid in corpus.order if corpus.cables[cid].path not in store.pages]
    planned = {cid for f in families for cid in _keys(change.only(f.name), corpus.cables)}
    ids = sorted(
        {*(c for c in planned if c in corpus.cables), *missing},
        key=lambda i: corpus.cables[i].sort_key,
    )
    keys = [incremental.held_keys(store, f, corpus, ids) for f in families]
    failed: list[Skipped] = []
    drawn: list[str] = []
    for f in families:
        seen |= f.paths(corpus, config, frozenset(ids))
    for cid in ids:
        made = [(k[cid].path, k[cid].digest) for k in keys]
        if all(store.page_unchanged(path, key) for path, key in made):
            continue
        parts = {f.name: k[cid].made_of for f, k in zip(families, keys, strict=True)}
        error = render_one(build, corpus, patch, cid, parts)
        for path, key in made:
            if error:
                store.new_pages.pop(path, None)
            else:
                store.page_made(path, key)
        if error:
            failed.append(Skipped(corpus.cables[cid].source_path, error))
        else:
            drawn.append(cid)
    return failed, drawn


def _keys(only: Only, every: Iterable[str]) -> Iterable[str]:
    return every if only is None else only


def _pages(
    config: SiteConfig, corpus: Corpus, store: incremental.Store, change: Touched, seen: set[str]
) -> Iterator[Page]:
    """The pages drawn from metadata the change may alter whose inputs really differ.

    Adds the path of every page considered, drawn or not, to `seen`.
    """
    for fam in family.FAMILIES:
        if fam.pages is None:
            continue
        for page in fam.draw(corpus, config, change.only(fam.name)):
            seen.add(page.path)
            key = incremental.drawn_key(store, page)
            if not store.page_unchanged(page.path, key):
                yield page
            store.page_made(page.path, key)


def _gone(config: SiteConfig, old: Corpus, change: Touched, seen: set[str]) -> set[str]:
    """Pages and cable files the old corpus had among those planned that the new one has not.

    `seen` holds the paths of the new corpus's pages among them, so only the old
    corpus's are found again here (by path, without drawing, where a family can).
    """
    if not change.changed:
        return set()
    before: set[str] = set()
    for fam in family.FAMILIES:
        only = change.only(fam.name)
        if fam.files is None and (only is None or only):
            before |= fam.paths(old, config, only)
    return before - seen


_ID = re.compile(rb'^\{"id": "((?:[^"\\]|\\.)*)"')


def _records(
    config: SiteConfig, corpus: Corpus, changed: frozenset[str]
) -> Iterator[tuple[str, dict[str, Any] | bytes]]:
    """(id, record) for cables.jsonl, in corpus order, read as a stream.

    The live export is in the previous corpus order, and unchanged cables keep
    their order, so its lines are taken as they come: a changed cable's record is
    read from the site, an unchanged one's line is the next usable line of the
    old file. Nothing is held but the line at hand (the file is GBs at scale).
    """
    lines = _old_lines(config.output / urls.export("cables.jsonl"), corpus, changed)
    ahead = next(lines, None)
    for cid in corpus.order:
        if ahead is not None and ahead[0] == cid:
            yield cid, ahead[1]
            ahead = next(lines, None)
            continue
        path = config.output / urls.cable_json(corpus.cables[cid].path)
        try:
            line = path.read_bytes()  # a cable's JSON file is its line
        except FileNotFoundError:
            continue  # its page could not be made: no line, as in a full build
        yield cid, line


def _old_lines(path: Path, corpus: Corpus, changed: frozenset[str]) -> Iterator[tuple[str, bytes]]:
    """(id, line) of the lines of the old export still good for the new one."""
    try:
        with path.open("rb") as f:
            for line in f:
                m = _ID.match(line)
                if m is None:
                    return  # not a file this code wrote: read the records instead
                cid = json.loads(b'"' + m[1] + b'"')
                if cid in corpus.cables and cid not in changed:
                    yield cid, line
    except OSError:
        return


def _exports(build: Build, corpus: Corpus, change: Touched) -> int:
    """The exports the change touches, rebuilt from the whole corpus once the pages are out.

    Returns how many export files were added (a sitemap that had to split).
    """
    config = build.config
    patch = Patch(config.output)
    try:
        for fam in family.FAMILIES:
            only = change.only(fam.name)
            if fam.files is None or (only is not None and not only):
                continue
            records = _records(config, corpus, change.changed)
            for path, data in fam.files(corpus, config, records, only):
                patch.put(path, build.export(data))
        patch.commit()
    except BaseException:
        patch.abort()
        raise
    return patch.created - len(patch.deletes)
