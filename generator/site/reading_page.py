"""The reading list page: a shell that static/reading.js fills from the browser's storage.

Nothing of a reader's list is known at build time: the page carries only the
names of the files it exports, and what a reader without JavaScript or storage
is told instead (templates/reading.html). Citations take the site's base_url
from the layout context.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.config import SiteConfig
from generator.site.pages import Page


@dataclass(frozen=True)
class ReadingPage:
    """Context of templates/reading.html."""

    export_name: str
    """File name, without extension, of the CSV and BibTeX exports."""


def page(config: SiteConfig) -> Page:
    """The reading list page of this archive."""
    name = urls.slug(config.title, 40)
    return Page(urls.reading(), "reading.html", ReadingPage(f"{name}-reading-list"))
