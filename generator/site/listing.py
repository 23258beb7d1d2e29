"""The shared shape of every paginated cable list: rows, labels and page navigation.

Tag, origin, month, classification and person pages all show the same row
(ID, date, subject, origin, classification) and the same pager, so readers
learn one layout; this module builds both from the Corpus metadata alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from generator import facts, urls
from generator.corpus import link
from generator.corpus.link import CableMeta, Corpus

# Conventional marking colours; the words are always shown too, the colour only helps.
_LEVELS = (
    ("TOP SECRET", "top-secret"),
    ("SECRET", "secret"),
    ("CONFIDENTIAL", "confidential"),
    ("UNCLASSIFIED", "unclassified"),
)


@dataclass(frozen=True)
class Label:
    """A classification shown as a small coloured label with its words."""

    words: str
    """The classification in full words, e.g. "SECRET//NOFORN"."""
    level: str
    """CSS-friendly level: top-secret | secret | confidential | unclassified | unknown."""
    target: str
    """Site-root path of the classification's list page."""


@cache
def label(classification: str) -> Label:
    """The label of a classification string (unknown words get a neutral colour).

    Cached: an archive has a dozen classifications and every list row needs one.
    """
    words = classification.strip() or "UNKNOWN"
    upper = words.upper()
    level = next((css for prefix, css in _LEVELS if upper.startswith(prefix)), "unknown")
    return Label(words, level, urls.classification(words))


@dataclass(frozen=True)
class CableRow:
    """One line of a cable list."""

    id: str
    target: str
    """Site-root path of the cable page."""
    date: str
    """ISO date "2009-12-18", or "undated"."""
    subject: str
    origin: str
    origin_target: str
    """Site-root path of the origin's list page."""
    label: Label


def row(meta: CableMeta) -> CableRow:
    """The list row of one cable."""
    date = link.shown_date(meta.created, meta.year)
    return CableRow(
        id=meta.id,
        target=meta.path,
        date=date,
        subject=meta.subject or "(no subject)",
        origin=meta.origin,
        origin_target=origin_target(meta.origin),
        label=label(meta.classification),
    )


@cache
def origin_target(name: str) -> str:
    """Site-root path of a post's list page (cached)."""
    # A cable appears in half a dozen lists; a few hundred posts need their path worked out once.
    return urls.origin(name)


@dataclass(frozen=True)
class PageLink:
    """One page number in the pager; number 0 stands for an elided run ("…")."""

    number: int
    target: str
    current: bool


@dataclass(frozen=True)
class Pager:
    """Previous / next / page-number navigation of a paginated list."""

    number: int
    count: int
    prev: str | None
    """Site-root path of the previous page, None on the first."""
    next: str | None
    """Site-root path of the next page, None on the last."""
    links: tuple[PageLink, ...]
    """Page numbers to show: the first, the last and a window around the current one."""
    first: int
    """1-based position of the first row on this page in the whole list."""
    last: int
    total: int


def page_count(total: int, size: int) -> int:
    """How many pages a list of `total` cables takes; an empty list still has one page."""
    return max(1, -(-total // size))


def pager(number: int, total: int, size: int, target: Callable[[int], str]) -> Pager:
    """The pager of page `number`; `target(n)` gives the site-root path of page n."""
    count = page_count(total, size)
    # A window keeps a 5,000-page list's pager short while every page stays two clicks away.
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    links: list[PageLink] = []
    for n in shown:
        if links and n > links[-1].number + 1:
            links.append(PageLink(0, "", False))
        links.append(PageLink(n, target(n), n == number))
    first = (number - 1) * size + 1 if total else 0
    return Pager(
        number=number,
        count=count,
        prev=target(number - 1) if number > 1 else None,
        next=target(number + 1) if number < count else None,
        links=tuple(links),
        first=first,
        last=min(total, number * size),
        total=total,
    )


def newest_first(corpus: Corpus, ids: Sequence[str]) -> list[CableMeta]:
    """The cables of `ids` (stored oldest first) in list order: newest first."""
    return [corpus.cables[i] for i in reversed(ids)]


def chunks(
    metas: Sequence[CableMeta], size: int, target: Callable[[int], str]
) -> Iterator[tuple[str, tuple[CableRow, ...], Pager]]:
    """(path, rows, pager) of each page of a list, page 1 first."""
    total = len(metas)
    for number in range(1, page_count(total, size) + 1):
        part = metas[(number - 1) * size : number * size]
        yield target(number), tuple(row(m) for m in part), pager(number, total, size, target)


@cache
def origin_title(name: str) -> tuple[str, str]:
    """(readable post name, country) of an origin; the code itself when unknown."""
    station = facts.station(name)
    if station is None:
        return name, ""
    return station.title, station.country or ""


def tag_meaning(code: str) -> tuple[str, str]:
    """(meaning, kind) of a TAGS code; the meaning is empty when no source gives one."""
    known = facts.tag(code)
    return known.meaning, known.kind
