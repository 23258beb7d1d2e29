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

from generator import urls
from generator.config import SiteConfig


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
    ("About", urls.editorial("about"), ("about",)),
)


def base(config: SiteConfig, path: str) -> BaseContext:
    """The layout context of the page at site-root `path`."""
    section = path.split("/", 1)[0]
    base_url = config.base_url.rstrip("/") + "/" if config.base_url else ""
    return BaseContext(
        title=config.title,
        description=config.description,
        path=path,
        root=urls.root(path),
        base_url=base_url,
        nav=tuple(NavLink(label, target, section in owned) for label, target, owned in _NAV),
        search=urls.search(),
        css=urls.static("site.css"),
        script=urls.static("site.js"),
    )
