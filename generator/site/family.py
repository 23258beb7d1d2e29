"""The page families beside the cable page, each declared once: its pages and what they show.

The full build (generator.pipeline.list_phase) draws every family's pages; an
in-place update (generator.pipeline.update) draws again the families whose pages
show the corpus as a whole; both key each page by its whole context
(generator.incremental.cache.Store.page_key). A family added to `FAMILIES`
reaches all three, so none can be built in full and forgotten in an update.

The cable page declares what it shows in generator.site.cable_page.Shown, and the
cable lists in generator.site.lists.LIST_KINDS: their pages depend on single cables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from generator import theme, urls
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.model import Source
from generator.site import editorial, most_cited, reading_page, search_page
from generator.site.pages import Page, editorial_names
from generator.source import read

Depends = Literal["settings", "corpus"]
"""What a family's pages are made from besides the templates.

"settings": the settings and content/pages only. Both are in every page key's
salt, so a change there is a full build and an in-place update never redoes them.
"corpus": the whole corpus (counts, date ranges): every in-place update draws
them, and writes those whose context changed.
"""


@dataclass(frozen=True)
class PageFamily:
    """One kind of page: where its pages are, their typed contexts, what they depend on."""

    name: str
    pages: Callable[[Corpus, SiteConfig], Iterable[Page]]
    """Every page of the family, context included, in the order the build draws them."""
    depends: Depends


def editorial_sources(config: SiteConfig) -> list[Source]:
    """The Markdown of the editorial pages: content/pages/, then the theme's default pages."""
    own = config.content / "pages"
    files = theme.editorial_files(config.content, config.default_pages)
    return [
        read.read_file(path, own if path.is_relative_to(own) else path.parent)
        for path in files.values()
    ]


def editorial_paths(config: SiteConfig) -> list[str]:
    """Site-root paths of the editorial pages, without rendering them (for the sitemap)."""
    return sorted(urls.editorial(name) for name in editorial_names(config))


def _editorial(corpus: Corpus, config: SiteConfig) -> Iterable[Page]:
    return editorial.pages(editorial_sources(config))


def _not_found(corpus: Corpus, config: SiteConfig) -> Iterable[Page]:
    return (editorial.not_found(config),)


def _reading(corpus: Corpus, config: SiteConfig) -> Iterable[Page]:
    return (reading_page.page(config),)


def _most_cited(corpus: Corpus, config: SiteConfig) -> Iterable[Page]:
    return (most_cited.page(corpus, config),)


def _search(corpus: Corpus, config: SiteConfig) -> Iterable[Page]:
    return (search_page.page(config, corpus),)


FAMILIES: tuple[PageFamily, ...] = (
    PageFamily("editorial", _editorial, "settings"),
    PageFamily("not-found", _not_found, "settings"),
    PageFamily("reading", _reading, "settings"),
    PageFamily("search", _search, "corpus"),
    PageFamily("most-cited", _most_cited, "corpus"),
)
"""The single-page and editorial families, in the order the full build draws them."""


def pages(corpus: Corpus, config: SiteConfig, depends: Depends | None = None) -> Iterable[Page]:
    """The pages of every family (or only of those that depend on `depends`)."""
    for family in FAMILIES:
        if depends is None or family.depends == depends:
            yield from family.pages(corpus, config)
