"""Typed page contexts: the contract between the code and the templates.

Every page is a `Page`: where it goes (a site-root path from `urls`), which
template draws it, and one frozen context object the template reads as `page`.
The renderer adds `site` (a `BaseContext`) to every page, which templates/base.html
reads for the header, navigation, search box and head metadata. Contexts hold
site-root paths; templates turn them into relative links with the `rel` filter,
so nothing here needs to know where the page itself sits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup

from generator import theme, urls
from generator.config import SiteConfig
from generator.model import ClassifiedBy
from generator.site.graph import Graph
from generator.site.related import Related


@dataclass(frozen=True)
class Page:
    """One HTML page of the site."""

    path: str
    """Site-root path of the output file, from `urls` (e.g. "tag/PGOV/index.html")."""
    template: str
    """Template name under templates/, e.g. "tag.html"."""
    context: object
    """The page's frozen context dataclass, seen by the template as `page`."""


@dataclass(frozen=True)
class NavLink:
    """One entry of the site navigation."""

    label: str
    target: str
    """Site-root path the link points at."""
    current: bool
    """True when this entry is the section the page belongs to."""


@dataclass(frozen=True)
class BaseContext:
    """What templates/base.html needs on every page, seen by templates as `site`."""

    title: str
    """Site title."""
    description: str
    """Default meta description (a page may override the `description` block)."""
    path: str
    """Site-root path of the page being rendered; `rel` links are relative to it."""
    root: str
    """Relative prefix from this page to the site root, e.g. "../../../"."""
    base_url: str
    """Absolute URL of the site root with a trailing slash, or "" when not published."""
    nav: tuple[NavLink, ...]
    search: str
    """Site-root path of the search page, the target of the search box."""
    css: str
    """Site-root path of the stylesheet."""
    script: str
    """Site-root path of the site script."""
    about: str | None = None
    """Site-root path of the About page, None when content/pages/ has no about.md."""

    @property
    def canonical(self) -> str | None:
        """Absolute URL of this page when the site has a base_url, else None."""
        return self.base_url + self.path if self.base_url else None


# (label, site-root target, the first path segment of pages that belong to the section)
_NAV: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Home", urls.home(), ("index.html",)),
    ("Tags", urls.tags(), ("tags", "tag")),
    ("People", urls.people(), ("people", "person")),
    ("Origins", urls.origins(), ("origins", "origin")),
    ("Dates", urls.dates(), ("dates", "date")),
    ("Classifications", urls.classifications(), ("classification",)),
    ("Search", urls.search(), ("search",)),
    ("Reading list", urls.reading(), ("reading",)),
    ("About", urls.editorial("about"), ("about",)),
)


def editorial_names(config: SiteConfig) -> frozenset[str]:
    """The names of the editorial pages the build writes (content/pages/ and the theme's)."""
    return frozenset(theme.editorial_files(config.content, config.default_pages))


_ABOUT = urls.editorial("about")
_SEARCH = urls.search()
_CSS = urls.static("site.css")
_SCRIPT = urls.static("site.js")


def base(config: SiteConfig, path: str, about: bool = True) -> BaseContext:
    """The layout context of the page at site-root `path`.

    `about` says whether the site has an About page; without one it is left out
    of the navigation rather than linked and missing.
    """
    base_url = config.base_url.rstrip("/") + "/" if config.base_url else ""
    return BaseContext(
        title=config.title,
        description=config.description,
        path=path,
        root=urls.root(path),
        base_url=base_url,
        nav=_nav(path.split("/", 1)[0], about),
        search=_SEARCH,
        css=_CSS,
        script=_SCRIPT,
        about=_ABOUT if about else None,
    )


@lru_cache(maxsize=256)
def _nav(section: str, about: bool) -> tuple[NavLink, ...]:
    # Built once per section: every page of a build asks for one of a dozen.
    return tuple(
        NavLink(label, target, section in owned)
        for label, target, owned in _NAV
        if about or target != _ABOUT
    )


@dataclass(frozen=True)
class CableLink:
    """Another cable, as a line in a list or a previous/next link."""

    id: str
    subject: str
    date: str
    """"YYYY-MM-DD", or "undated"."""
    origin: str
    classification: str
    target: str
    """Site-root path of its page."""


@dataclass(frozen=True)
class Banner:
    """The classification banner shown at the top and bottom of a cable."""

    level: str
    """CSS level: "unclassified" | "confidential" | "secret" | "top-secret" | "unknown"."""
    words: str
    """The classification in full words, always written out (colour is never the only cue)."""
    caveats: tuple[str, ...]


@dataclass(frozen=True)
class TagView:
    code: str
    meaning: str
    """Empty when the code is not in the glossary."""
    kind: str
    target: str


@dataclass(frozen=True)
class ReferenceView:
    anchor: str
    """Fragment id of this entry, e.g. "ref-A" (what "Ref A" in the text links to)."""
    label: str
    """"A", or "" for a single unlabelled REF."""
    text: str
    id: str | None
    """The cited cable's ID when it could be inferred."""
    target: str | None
    """Site-root path of the cited cable's page when it is in this archive, else None."""
    subject: str | None
    """The cited cable's subject when it is in this archive."""
    external: str | None = None
    """Where a cited cable the archive lacks can be read (the missing_reference_url setting)."""


@dataclass(frozen=True)
class StationView:
    """One station of the routing header, decoded."""

    written: str
    """The line or indicator as received."""
    routing_indicator: str | None
    title: str | None
    """Readable name of the station, e.g. "Embassy Beijing"; None when unknown."""
    country: str | None
    precedence: str | None = None
    serial: str | None = None


@dataclass(frozen=True)
class RoutingView:
    lines: tuple[str, ...]
    precedence_prosign: str | None
    relay: tuple[StationView, ...]
    originator: StationView | None
    station_serial: str | None
    filed: str | None
    transmission: str | None
    dtg: str | None
    sender: StationView | None
    to: tuple[StationView, ...]
    info: tuple[StationView, ...]


@dataclass(frozen=True)
class ParagraphView:
    anchor: str
    """Fragment id, "p1", "pC" (a repeated number gets a suffix, "p1-2")."""
    number: str | None
    """The number as displayed, "1." or "C."; None for unnumbered text and headings."""
    marking: str | None
    level: str
    """CSS level of the portion mark, as for Banner.level; "none" when unmarked."""
    kind: str
    html: Markup
    """The text, escaped and decorated by generator.site.cable_body."""


@dataclass(frozen=True)
class PersonLink:
    name: str
    target: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class VersionView:
    """One published text of a cable, as its page lists it (generator.site.versions)."""

    label: str
    """"v1", "v2" ... in the order of their input paths."""
    inputs: tuple[str, ...]
    """The input files holding this text."""
    words: int
    partial: bool
    shown: bool
    """True for the version the page shows (the fullest)."""
    raw_target: str
    json_target: str
    summary: str
    """What changes from this version to the shown one, in one line ("" for the shown one)."""
    diff_target: str | None
    """The diff page between this version and the shown one."""


@dataclass(frozen=True)
class CablePage:
    """Context of templates/cable.html."""

    id: str
    subject: str
    title: str
    description: str
    banner: Banner
    created: str | None
    created_text: str
    """E.g. "Friday 18 December 2009, 05:19 UTC", or "date unknown"."""
    origin: str
    origin_title: str
    origin_country: str | None
    origin_target: str
    precedence: str | None
    classification: str
    classification_target: str
    tags: tuple[TagView, ...]
    keywords: tuple[str, ...]
    """Free words from the TAGS line: shown, but with no list page of their own."""
    references: tuple[ReferenceView, ...]
    signer: str | None
    classified_by: ClassifiedBy | None
    eo: str | None
    declassify: str | None
    handling: tuple[str, ...]
    section: str | None
    routing: RoutingView | None
    partial: bool
    paragraphs: tuple[ParagraphView, ...]
    garbled: int
    redactions: int
    referenced_by: tuple[CableLink, ...]
    people: tuple[PersonLink, ...]
    previous: CableLink | None
    next: CableLink | None
    raw_target: str
    json_target: str
    permalink: str
    """Absolute URL when the site has a base_url, else the site-root path."""
    citation: str
    cite_url: str
    """What a citation links: the absolute URL, or the site-root path without a base_url."""
    cite_absolute: bool
    """False when the site has no base_url, so the citation says how to set one."""
    chicago: str
    """The Chicago bibliography entry (generator.citation)."""
    bibtex: str
    """The BibTeX record (generator.citation)."""
    date: str
    """"YYYY-MM-DD", the year alone, or "undated": what lists and the reading list show."""
    jsonld: Markup
    released: str | None = None
    """When the release published it (ISO 8601 UTC), from its metadata."""
    released_text: str = ""
    created_note: str = ""
    """Where the date came from when not the cable's own DTG ("from the release metadata")."""
    release_notes: tuple[str, ...] = ()
    """The serious disagreements with the release metadata, one sentence each."""
    earlier: CableLink | None = None
    """The cable before it in the whole archive, by date."""
    later: CableLink | None = None
    """The cable after it in the whole archive, by date."""
    graph: Graph | None = None
    """What it cites and what cites it, two hops out; None when neither."""
    related: tuple[Related, ...] = ()
    """The closest cables by shared TAGS, people and references, with the reason."""
    versions: tuple[VersionView, ...] = ()
    """Every published text of the cable when there are several, else empty."""
    """schema.org JSON-LD, with <, > and & escaped so it cannot end its script element."""
