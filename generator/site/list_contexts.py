"""The typed contexts of the index pages and cable lists (generator.site.lists draws them).

One frozen dataclass per template (list.html, home.html, tags.html, origins.html,
dates.html, year.html, classifications.html) and the pieces they hold; a
template reads nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.histogram import Histogram
from generator.site.listing import CableRow, Label, Pager


@dataclass(frozen=True)
class Fact:
    """One term/value line under a list's heading (e.g. Meaning: Human Rights)."""

    term: str
    value: str


@dataclass(frozen=True)
class Crumb:
    """A link back up to the index a list belongs to."""

    label: str
    target: str


@dataclass(frozen=True)
class ListContext:
    """A paginated list of cables: one tag, origin, month or classification."""

    kind: str
    """"tag" | "origin" | "month" | "classification" (for wording and styling)."""
    title: str
    """The page heading, e.g. "PHUM — Human Rights"."""
    facts: tuple[Fact, ...]
    up: Crumb
    rows: tuple[CableRow, ...]
    pager: Pager
    histogram: Histogram | None = None
    """Its cables per month (month lists have none: they are one bar)."""


@dataclass(frozen=True)
class Count:
    """A named entry with a cable count, linked to its page."""

    name: str
    target: str
    count: int
    note: str = ""
    """A second line of detail, e.g. a post's country."""
    label: Label | None = None
    """Set for classifications, to colour the entry."""


@dataclass(frozen=True)
class Entry:
    """An entry point from the home page."""

    name: str
    target: str
    note: str


@dataclass(frozen=True)
class HomeContext:
    """The home page: what the archive holds and where to start."""

    total: int
    first: str
    """Date of the oldest dated cable, or ""."""
    last: str
    """Date of the newest dated cable, or ""."""
    dated: int
    """How many cables carry a date-time group; the rest are placed by their ID's year."""
    classifications: tuple[Count, ...]
    years: tuple[Count, ...]
    posts: tuple[Count, ...]
    """The posts with the most cables."""
    post_count: int
    newest: tuple[CableRow, ...]
    entries: tuple[Entry, ...]
    histogram: Histogram | None = None
    """The whole archive's cables per month."""


@dataclass(frozen=True)
class TagEntry:
    """One line of the TAGS glossary."""

    code: str
    meaning: str
    """Empty when unknown: the template shows the code alone."""
    kind: str
    count: int
    target: str


@dataclass(frozen=True)
class TagSection:
    """The glossary entries of one kind (subject, country ...)."""

    kind: str
    anchor: str
    entries: tuple[TagEntry, ...]


@dataclass(frozen=True)
class TagsContext:
    total: int
    sections: tuple[TagSection, ...]


@dataclass(frozen=True)
class OriginSection:
    """The posts of one country."""

    country: str
    entries: tuple[Count, ...]


@dataclass(frozen=True)
class OriginsContext:
    total: int
    sections: tuple[OriginSection, ...]


@dataclass(frozen=True)
class YearEntry:
    """One year and its months (months without cables have no target)."""

    year: int
    count: int
    target: str
    months: tuple[Count, ...]


@dataclass(frozen=True)
class DatesContext:
    years: tuple[YearEntry, ...]
    undated: int
    """Cables with no known year (they are listed under their tags and origin)."""


@dataclass(frozen=True)
class YearContext:
    entry: YearEntry
    prev: Crumb | None
    next: Crumb | None


@dataclass(frozen=True)
class ClassificationsContext:
    entries: tuple[Count, ...]
