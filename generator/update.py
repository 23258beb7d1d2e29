"""Incremental update: bring the live site up to date after a few inputs changed.

A full build renders every page into a staging folder and swaps it in. After
an edit that is wasteful: one changed cable shows on its own page, on the pages
of the cables it cites, that cite it or sit next to it, and on the lists that
hold it. `touched` works out exactly those from the old and new Corpus (pure,
metadata only); `apply` renders them, writes the files whose bytes changed into
the live site with a journaled `write.Patch`, and tells the caller the pages are
out (the preview server reloads open pages then). Exports and the search index
follow: they depend on every cable, so they come after the pages a reader waits
for.

The result is byte-identical to a full build (tests/test_incremental.py): the
same page keys decide what to draw, and everything not drawn is what the
previous build, with the same templates and settings, wrote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from pathlib import Path
from typing import Any

from generator import cache as incremental
from generator import exports, lists, lists_people, reindex, urls
from generator.config import SiteConfig
from generator.link import CableMeta, Corpus
from generator.listing import page_count, row
from generator.pages import Page
from generator.phases import (
    Loader,
    Skipped,
    draw_one,
    editorial_paths,
    other_pages,
    render_one,
)
from generator.write import Patch, static_files


@dataclass(frozen=True)
class Touched:
    """What a change to the corpus can alter on the site."""

    changed: frozenset[str]
    """IDs added, removed, or whose metadata or source changed."""
    cable_pages: tuple[str, ...]
    """IDs (in the new corpus) whose cable page may show a change, in corpus order."""
    lists: lists.Keys
    """The cable lists that may hold a changed row."""
    gone: tuple[str, ...]
    """Site-root paths of cable files (page, record, raw text) that no cable makes any more."""


def _row(m: CableMeta) -> CableMeta:
    # Lists show metadata, never the body: an edit that only changes the body
    # (hence the digest) leaves every list as it was.
    return replace(m, digest="", source_path="")


def _same_rows(old: Corpus, new: Corpus, changed: frozenset[str]) -> bool:
    """True when the changed cables differ in their bodies only, none added or removed."""
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        if before is None or after is None or _row(before) != _row(after):
            return False
    return True


def _listed(m: CableMeta) -> tuple[object, ...]:
    """What the cable lists show of a cable, and which lists hold it in what order."""
    return (row(m), m.tags, m.created, m.year, m.month, m.classification)


def _person_letters(old: Corpus, new: Corpus, slugs: Iterable[str]) -> set[str]:
    """The people index letters that list these people, by their old name or new."""
    return {
        lists_people.letter(name)
        for slug in slugs
        for name in (old.person_names.get(slug), new.person_names.get(slug))
        if name
    }


def _letters(corpus: Corpus) -> set[str]:
    return {lists_people.letter(name) for name in corpus.person_names.values()}


def _files(m: CableMeta) -> tuple[str, str, str]:
    return (m.path, urls.cable_json(m.path), urls.cable_raw(m.path))


def _shown_with(corpus: Corpus, cid: str) -> set[str]:
    """IDs whose cable page shows `cid`: the cables it cites, that cite it, its neighbours."""
    m = corpus.cables.get(cid)
    if m is None:
        return set()
    near = {r[2] for r in m.references if r[2]} | set(corpus.referenced_by.get(cid, ()))
    near |= {n.id for n in corpus.neighbours(cid) if n is not None}
    return near


def touched(old: Corpus, new: Corpus) -> Touched:
    """Compare two corpora: the cable pages, lists and files a build must redo."""
    # Identity first: an unchanged cable is the same object in both (the cache's),
    # and comparing 50,000 dataclasses field by field took a tenth of a second.
    changed = {
        cid
        for cid in old.cables.keys() | new.cables.keys()
        if old.cables.get(cid) is not new.cables.get(cid)
        and old.cables.get(cid) != new.cables.get(cid)
    }
    pages: set[str] = set()
    keys: dict[str, set[Any]] = {
        k: set() for k in ("tags", "origins", "months", "classes", "people")
    }
    gone: set[str] = set()
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        pages |= {cid} | _shown_with(old, cid) | _shown_with(new, cid)
        if before is not None and (after is None or after.path != before.path):
            gone.update(_files(before))
        if before is not None and after is not None and _row(before) == _row(after):
            continue
        # A cable's row, and where it is listed, decide the cable lists; naming
        # someone new changes only the people's pages, not the cable's tag, post,
        # month and classification lists (each thousands of rows at 50,000 cables).
        listed = before is None or after is None or _listed(before) != _listed(after)
        named = listed or before is None or after is None or before.people != after.people
        for m in (before, after):
            if m is None:
                continue
            if listed:
                keys["tags"].update(m.tags)
                keys["origins"].add(m.origin)
                if m.year is not None and m.month is not None:
                    keys["months"].add((m.year, m.month))
                keys["classes"].add(m.classification)
            if named:
                keys["people"].update(p.slug for p in m.people)
    made = {f for cid in new.cables for f in _files(new.cables[cid])} if gone else set()
    letters: frozenset[str] | None = frozenset(_person_letters(old, new, keys["people"]))
    if letters and _letters(old) != _letters(new):
        letters = None  # every letter page lists the letters: all of them change
    return Touched(
        changed=frozenset(changed),
        cable_pages=tuple(cid for cid in new.order if cid in pages),
        lists=lists.Keys(
            frozenset(keys["tags"]),
            frozenset(keys["origins"]),
            frozenset(keys["months"]),
            frozenset(keys["classes"]),
            frozenset(keys["people"]),
            letters=letters,
        ),
        gone=tuple(sorted(gone - made)),
    )


@dataclass
class Result:
    """What `apply` did, for the build report."""

    failed: list[Skipped]
    """Cables whose page could not be rendered, and why."""
    files: int
    """Files in the site after the update."""


def apply(
    load: Loader,
    config: SiteConfig,
    old: Corpus,
    corpus: Corpus,
    store: incremental.Store,
    files_before: int,
    lap: Callable[[str], None],
    published: Callable[[list[Skipped]], None],
    index_later: Callable[[SiteConfig, Corpus], None] | None = None,
) -> Result:
    """Patch the live site from `old` to `corpus`; exports and the search index come last."""
    change = touched(old, corpus)
    store.carry_pages(change.gone)
    patch = Patch(config.output)
    try:
        failed, drawn = _cable_pages(load, config, corpus, store, patch, change)
        lap("render")
        listed: set[str] = set()
        for page in _list_pages(config, corpus, store, change, listed):
            draw_one(config, patch, page)
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
    load: Loader,
    config: SiteConfig,
    corpus: Corpus,
    store: incremental.Store,
    patch: Patch,
    change: Touched,
) -> tuple[list[Skipped], list[str]]:
    """Render the cable pages the change touches: (failures, IDs rendered)."""
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
        error = render_one(load, config, corpus, patch, cid, store)
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
    # Editorial pages are left out: content/pages is part of the cache salt, so an
    # edit there never comes to an in-place update.
    listed = lists.pages(corpus, config, change.lists)
    for page in chain(listed, other_pages(config, corpus, [])):
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
    letters = _person_letters(old, new, change.lists.people or ())
    before = {p.path for p in lists.pages(old, config, keys)}
    before |= _people_paths(config, old, change, letters)
    return before - listed - _people_paths(config, new, change, letters)


def _people_paths(
    config: SiteConfig, corpus: Corpus, change: Touched, letters: set[str]
) -> set[str]:
    """Paths of the touched people's pages and of the people index pages."""
    found: set[str] = set()
    for slug in change.lists.people or ():
        if slug in corpus.by_person:
            count = page_count(len(corpus.by_person[slug]), config.page_size)
            found.update(urls.person(slug, n) for n in range(1, count + 1))
    if len(corpus.by_person) > lists_people.ONE_PAGE:
        # Only a touched person's letter page can appear or go: see who else is under it.
        names = corpus.person_names.values()
        found.update(
            urls.people_letter(x)
            for x in letters
            if any(lists_people.letter(n) == x for n in names)
        )
    return found | {urls.people()}


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
        if _same_rows(old, corpus, change.changed):
            # The usual save: a body edited. The table, feed and sitemaps hold
            # metadata only; at 50,000 cables redoing them took seconds a save.
            patch.put(urls.export("cables.jsonl"), exports.jsonl_lines(corpus, records))
        else:
            pages = editorial_paths(config)
            for path, data in exports.files(corpus, config, records, pages):
                patch.put(path, data)
        patch.commit()
    except BaseException:
        patch.abort()
        raise
    return patch.created - len(patch.deletes)
