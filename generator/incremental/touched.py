"""What an in-place update must redo: the difference between two corpora, as pages and lists.

Pure and metadata only. A changed cable (added, removed, its metadata or source
changed) shows on its own page and on the pages of the cables its page shows
(generator.site.cable_page.Shown: the relation is symmetric), and on the lists
that hold its row. Naming someone new touches only the people's pages; a body
edit touches no list at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from generator.corpus.link import CableMeta, Corpus
from generator.site import cable_page, lists, versions
from generator.site import person_pages as lists_people
from generator.site.listing import row


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
    return replace(m, digest="", source_path="", versions=())


def same_rows(old: Corpus, new: Corpus, changed: frozenset[str]) -> bool:
    """True when the changed cables differ in their bodies only, none added or removed."""
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        if before is None or after is None or _row(before) != _row(after):
            return False
    return True


def _listed(m: CableMeta) -> tuple[object, ...]:
    """What the cable lists show of a cable, and which lists hold it in what order."""
    return (row(m), m.tags, m.created, m.year, m.month, m.classification)


def person_letters(old: Corpus, new: Corpus, slugs: Iterable[str]) -> set[str]:
    """The people index letters that list these people, by their old name or new."""
    return {
        lists_people.letter(name)
        for slug in slugs
        for name in (old.person_names.get(slug), new.person_names.get(slug))
        if name
    }


def _letters(corpus: Corpus) -> set[str]:
    return {lists_people.letter(name) for name in corpus.person_names.values()}


def _files(m: CableMeta) -> tuple[str, ...]:
    return versions.files(m)


def _shown_with(corpus: Corpus, cid: str) -> set[str]:
    """IDs whose cable page shows `cid`: the cables it cites, that cite it, its neighbours."""
    return cable_page.shown(corpus, cid).ids() if cid in corpus.cables else set()


def _held(keys: dict[str, set[Any]], before: CableMeta | None, after: CableMeta | None) -> None:
    """Add the keys of the lists (generator.site.lists.LIST_KINDS) holding either version."""
    # A cable's row, and where it is listed, decide the cable lists; naming
    # someone new changes only the people's pages, not the cable's tag, post,
    # month and classification lists (each thousands of rows at 50,000 cables).
    listed = before is None or after is None or _listed(before) != _listed(after)
    named = listed or before is None or after is None or before.people != after.people
    for kind in lists.LIST_KINDS:
        if named if kind.by_people else listed:
            for m in (before, after):
                if m is not None:
                    keys[kind.field].update(kind.holding(m))


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
    keys: dict[str, set[Any]] = {k.field: set() for k in lists.LIST_KINDS}
    gone: set[str] = set()
    for cid in changed:
        before, after = old.cables.get(cid), new.cables.get(cid)
        pages |= {cid} | _shown_with(old, cid) | _shown_with(new, cid)
        if before is not None:
            # A moved page, or a version (its texts and diffs) no longer there.
            gone.update(set(_files(before)) - set(_files(after) if after else ()))
        if before is not None and after is not None and _row(before) == _row(after):
            continue
        _held(keys, before, after)
    made = {f for cid in new.cables for f in _files(new.cables[cid])} if gone else set()
    people = {s for k in lists.LIST_KINDS if k.by_people for s in keys[k.field]}
    letters: frozenset[str] | None = frozenset(person_letters(old, new, people))
    if letters and _letters(old) != _letters(new):
        letters = None  # every letter page lists the letters: all of them change
    return Touched(
        changed=frozenset(changed),
        cable_pages=tuple(cid for cid in new.order if cid in pages),
        lists=lists.Keys.of(keys, letters=letters),
        gone=tuple(sorted(gone - made)),
    )
