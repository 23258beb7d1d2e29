"""In-place update: bring the live site up to date after a few inputs changed.

A full build renders every page into a staging folder and swaps it in. After
an edit that is wasteful: generator.incremental.touched works out, from the old
and new Corpus, which cable pages and lists the change can alter; `apply`
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import Any

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.incremental import cache as incremental
from generator.incremental import reindex
from generator.incremental.touched import Touched, person_letters, same_rows, touched
from generator.output.write import Patch, static_files
from generator.pipeline.phases import draw_one, render_one
from generator.pipeline.run import Build
from generator.pipeline.tally import Skipped
from generator.site import exports, family, lists
from generator.site import person_pages as lists_people
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
    store.carry_pages(change.gone)
    patch = Patch(config.output)
    try:
        failed, drawn = _cable_pages(build, corpus, patch, change)
        lap("render")
        listed: set[str] = set()
        for page in _list_pages(config, corpus, store, change, listed):
            draw_one(build, patch, page)
        for gone in sorted(_lists_gone(config, old, corpus, change, listed)):
            patch.delete(gone)
            store.new_pages.pop(gone, None)
        _static(config, patch)
        for rel in change.gone:
            patch.delete(rel)
        lap("lists")
        patch.commit()
        lap("write")
    except BaseException:
        patch.abort()
        raise
    published(failed)
    files = files_before + patch.created - len(patch.deletes)
    files += _exports(config, old, corpus, change)
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
    build: Build, corpus: Corpus, patch: Patch, change: Touched
) -> tuple[list[Skipped], list[str]]:
    """Render the cable pages the change touches: (failures, IDs rendered)."""
    store = build.store
    # Cables whose page a previous build could not make are tried again every time.
    missing = [cid for cid in corpus.order if corpus.cables[cid].path not in store.pages]
    ids = sorted({*change.cable_pages, *missing}, key=lambda i: corpus.cables[i].sort_key)
    keys = incremental.cable_page_keys(store, corpus, ids)
    failed: list[Skipped] = []
    drawn: list[str] = []
    for cid in ids:
        m = corpus.cables[cid]
        if store.page_unchanged(m.path, keys[cid]):
            continue
        error = render_one(build, corpus, patch, cid)
        if error:
            failed.append(Skipped(m.source_path, error))
            store.new_pages.pop(m.path, None)
        else:
            store.page_made(m.path, keys[cid])
            drawn.append(cid)
    return failed, drawn


def _list_pages(
    config: SiteConfig, corpus: Corpus, store: incremental.Store, change: Touched, seen: set[str]
) -> Iterator[Page]:
    """The list pages the change may alter whose inputs really differ from last time.

    Adds the path of every list page considered, drawn or not, to `seen`.
    """
    # Families made from the settings alone are left out: those are in the cache
    # salt, so a change there never comes to an in-place update.
    listed = lists.pages(corpus, config, change.lists)
    for page in chain(listed, family.pages(corpus, config, "corpus")):
        seen.add(page.path)
        key = store.page_key(page.template, page)
        if not store.page_unchanged(page.path, key):
            yield page
        store.page_made(page.path, key)


def _lists_gone(
    config: SiteConfig, old: Corpus, new: Corpus, change: Touched, listed: set[str]
) -> set[str]:
    """List pages the old corpus had among the touched lists that the new one has not.

    `listed` holds the paths of the new corpus's pages among those lists (drawn by
    `_list_pages`), so only the old corpus's lists are built again here.
    """
    if not change.changed:
        return set()
    # Paths only: the people index (tens of thousands of names) is not drawn to
    # learn which of its letter pages exist.
    keys = replace(change.lists, people=frozenset())
    letters = person_letters(old, new, change.lists.people or ())
    before = {p.path for p in lists.pages(old, config, keys)}
    before |= lists_people.paths(old, config, change.lists.people, letters)
    return before - listed - lists_people.paths(new, config, change.lists.people, letters)


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


def _exports(config: SiteConfig, old: Corpus, corpus: Corpus, change: Touched) -> int:
    """The exports, rebuilt from the whole corpus once the pages are out.

    Returns how many export files were added (a sitemap that had to split).
    """
    patch = Patch(config.output)
    try:
        records = _records(config, corpus, change.changed)
        if same_rows(old, corpus, change.changed):
            # The usual save: a body edited. The table, feed and sitemaps hold
            # metadata only; at 50,000 cables redoing them took seconds a save.
            patch.put(urls.export("cables.jsonl"), exports.jsonl_lines(corpus, records))
        else:
            pages = family.editorial_paths(config)
            for path, data in exports.files(corpus, config, records, pages):
                patch.put(path, data)
        patch.commit()
    except BaseException:
        patch.abort()
        raise
    return patch.created - len(patch.deletes)
