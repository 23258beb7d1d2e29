"""The search page: its typed context and its place in the site.

The page itself is a shell; static/search.js fills it from Pagefind when the
site is served over HTTP, and static/search-lookup.js answers from the offline
lookup (generator.search.lookup) when the page is opened from disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.site.pages import Page

SERVE_COMMAND = "cablegen serve"


@dataclass(frozen=True)
class SearchPage:
    """Context of templates/search.html."""

    count: int
    """Cables in the archive."""
    indexed: bool
    """False when the site was built without the search index (--no-search)."""
    serve_command: str
    """The command that starts the preview server, shown when opened from disk."""
    facets: tuple[tuple[str, str], ...]
    """(filter name, label) of each filter, in the order the page shows them."""
    first_month: str
    """"YYYY-MM" of the oldest dated cable: the earliest a date range can start ("" if none)."""
    last_month: str
    """"YYYY-MM" of the newest dated cable."""
    export_limit: int
    """Most rows a download of the results holds."""


EXPORT_LIMIT = 1000
"""Rows of a download: each row costs the browser a fetch of the result's data."""

FACETS = (
    ("classification", "Classification"),
    ("origin", "Origin"),
    ("year", "Year"),
    ("tag", "Tag"),
    ("person", "Person"),
)


def page(config: SiteConfig, corpus: Corpus) -> Page:
    """The search page of this archive."""
    # The months the index files cables under (generator.search.page_input.marks).
    months = [f"{m.year:04d}-{m.month:02d}" for m in corpus.cables.values() if m.year and m.month]
    context = SearchPage(
        count=len(corpus.order),
        indexed=config.search,
        serve_command=SERVE_COMMAND,
        facets=FACETS,
        first_month=min(months, default=""),
        last_month=max(months, default=""),
        export_limit=EXPORT_LIMIT,
    )
    return Page(urls.search(), "search.html", context)
