"""Editorial pages from content/pages/*.md, and the site's 404 page.

Editorial pages are ours, but they are still rendered with raw HTML disabled
(CommonMark preset, `html: False`): a stray tag in a Markdown file shows as
text instead of reaching the page, and markdown-it refuses javascript: links.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from markdown_it import MarkdownIt

from generator import urls
from generator.config import SiteConfig
from generator.model import Source
from generator.site.pages import Page


@dataclass(frozen=True)
class EditorialContext:
    """One Markdown page."""

    title: str
    """Text of the page's first heading (or its file name), for <title>."""
    html: str
    """The page body as HTML, from markdown-it with raw HTML disabled (safe to emit as is)."""
    source: str
    """The Markdown file it came from, relative to the content folder."""


@dataclass(frozen=True)
class NotFoundLink:
    label: str
    href: str
    """Absolute link: base_url + path, or "/" + path."""


@dataclass(frozen=True)
class NotFoundContext:
    """404.html, served by hosts for a missing path at any depth.

    Relative links would resolve against the missing URL, so every link is
    absolute: from config.base_url when set, else root-relative ("/tags/...").
    Opened from disk the page is never reached, so root-relative is safe there.
    """

    prefix: str
    css: str
    search: str
    """Absolute link of the search page, the search form's action."""
    links: tuple[NotFoundLink, ...]


def markdown() -> MarkdownIt:
    """The Markdown renderer of editorial pages: CommonMark, raw HTML off."""
    return MarkdownIt("commonmark", {"html": False})


def _title(md: MarkdownIt, text: str, fallback: str) -> str:
    tokens = md.parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            return tokens[i + 1].content.strip() or fallback
    return fallback


def path(source: Source) -> str:
    """Site-root path of a Markdown source's page (content/pages/NAME.md -> NAME/index.html)."""
    return urls.editorial(_name(source))


def _name(source: Source) -> str:
    return PurePosixPath(source.path.replace("\\", "/")).stem


def page(source: Source) -> Page:
    """The editorial page of one Markdown source (content/pages/NAME.md -> NAME/index.html)."""
    md = markdown()
    name = _name(source)
    title = _title(md, source.text, name.replace("-", " ").capitalize())
    context = EditorialContext(title, md.render(source.text), source.path)
    return Page(path(source), "page.html", context)


def pages(sources: Iterable[Source]) -> Iterator[Page]:
    """Every editorial page, sorted by output path; files not ending in .md are ignored."""
    found = [page(s) for s in sources if is_page(s)]
    yield from sorted(found, key=lambda p: p.path)


def is_page(source: Source) -> bool:
    """True for the files under content/pages/ that become pages (Markdown)."""
    return source.path.lower().endswith(".md")


def not_found(config: SiteConfig) -> Page:
    """The 404 page at the site root."""
    prefix = config.base_url.rstrip("/") + "/" if config.base_url else "/"
    entries = (
        ("Home", urls.home()),
        ("Search", urls.search()),
        ("Tags", urls.tags()),
        ("People", urls.people()),
        ("Origins", urls.origins()),
        ("Dates", urls.dates()),
    )

    # Folder URLs read better in an address bar; hosts serve index.html for them.
    def absolute(path: str) -> str:
        return prefix + path.removesuffix("index.html")

    links = tuple(NotFoundLink(label, absolute(path)) for label, path in entries)
    css = prefix + urls.static("site.css")
    context = NotFoundContext(prefix, css, absolute(urls.search()), links)
    return Page(urls.not_found(), "404.html", context)
