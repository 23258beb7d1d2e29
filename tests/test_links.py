"""Zero broken internal links and anchors, in a build of the seeds and of the dev corpus.

Every href, src and form action of every HTML page must be relative (the site is
also opened from disk), name a file that exists inside the site (a folder does not
resolve to its index.html under file://) and, when it carries a fragment into an
HTML page, name an id that page has.
"""

from __future__ import annotations

import posixpath
import shutil
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator import config
from generator.commands import build as build_mod
from tests.hostile.sitebuild import assert_built, corpus_build

ROOT = Path(__file__).resolve().parent.parent
NOT_FOUND = "404.html"
_LINK_ATTRS = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("form", "action"),
}


class PageLinks(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []
        """Links the page loads by itself (scripts, styles, images): never from elsewhere."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in _LINK_ATTRS:
                self.links.append(value)
                if tag in ("script", "img") or (tag == "link" and _loads(attrs)):
                    self.assets.append(value)


def _loads(attrs: list[tuple[str, str | None]]) -> bool:
    rel = dict(attrs).get("rel") or ""
    return any(word in rel.split() for word in ("stylesheet", "icon", "preload", "modulepreload"))


def scan(site: Path) -> dict[str, PageLinks]:
    pages: dict[str, PageLinks] = {}
    for path in sorted(site.rglob("*.html")):
        parser = PageLinks()
        parser.feed(path.read_text("utf-8"))
        pages[path.relative_to(site).as_posix()] = parser
    return pages


def broken_links(site: Path) -> list[str]:
    """Every link that does not resolve, as "page: link (why)"."""
    pages = scan(site)
    problems: list[str] = []
    for page, found in pages.items():
        for link in found.links:
            why = _check(site, pages, page, link)
            if why:
                problems.append(f"{page}: {link} ({why})")
        for asset in found.assets:
            if urlsplit(asset).scheme or asset.startswith("//"):
                problems.append(f"{page}: {asset} (asset from outside the site)")
    return problems


def _check(site: Path, pages: dict[str, PageLinks], page: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in ("http", "https", "mailto") or link.startswith("//"):
        return None if parts.scheme in ("http", "https", "mailto") else "protocol-relative"
    if parts.scheme:
        return f"scheme {parts.scheme}: not allowed"
    if link.startswith("/"):
        if page != NOT_FOUND:
            return "root-relative: breaks when opened from disk"
        # The 404 page is served at any depth by a web host, so only root-relative links
        # work there, and the host serves a folder's index.html.
        link = link.lstrip("/")
        if link.split("#")[0].endswith("/") or link.split("#")[0] == "":
            link = link.replace("/#", "/index.html#") if "#" in link else link + "index.html"
        page = "index.html"
        parts = urlsplit(link)
    target = page
    if parts.path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return "leaves the site"
        if not (site / target).is_file():
            return "no such file"
    if parts.fragment and target.endswith(".html"):
        ids = pages[target].ids if target in pages else set()
        if unquote(parts.fragment) not in ids:
            return f"no id {parts.fragment!r} in {target}"
    return None


def summary(problems: list[str]) -> str:
    by_reason: defaultdict[str, list[str]] = defaultdict(list)
    for p in problems:
        by_reason[p.rsplit("(", 1)[-1]].append(p)
    lines = [f"{len(problems)} broken links"]
    for reason, items in sorted(by_reason.items(), key=lambda kv: -len(kv[1]))[:10]:
        lines.append(f"{len(items):5d}x ({reason} e.g. {items[0]}")
    return "\n".join(lines)


def test_checker_finds_broken_links_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here">x</p>')
    (tmp_path / "page.html").write_text(
        '<a href="a/index.html#here">ok</a><a href="#top">self</a>'
        '<a href="a/index.html#gone">anchor</a><a href="a/">folder</a>'
        '<a href="/a/index.html">root</a><a href="../x.html">out</a>'
        '<a href="javascript:alert(1)">js</a><a href="https://example.org/">ext</a>'
        '<script src="https://cdn.example.org/x.js"></script>'
    )
    (tmp_path / "404.html").write_text('<a href="/a/index.html#here">ok</a><a href="/b">no</a>')
    found = broken_links(tmp_path)
    assert len(found) == 8, found
    assert any("asset from outside" in f for f in found)
    assert not any("a/index.html#here" in f or "https://example.org/" in f for f in found)


@pytest.mark.slow
def test_seeds_site_has_no_broken_links(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cfg = config.load(
        overrides={
            "content": content,
            "output": tmp_path / "site",
            "templates": ROOT / "templates",
            "static": ROOT / "static",
            "cache": tmp_path / "cache",
        },
        root=tmp_path,
    )
    report = build_mod.build(cfg, jobs=1)
    assert report.cables == 5, report.skipped
    problems = broken_links(cfg.output)
    assert problems == [], summary(problems)


@pytest.mark.slow
def test_dev_corpus_site_has_no_broken_links(
    dev_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built = corpus_build(tmp_path_factory)
    assert_built(built)
    assert built.report["cables"] > 250
    problems = broken_links(built.output)
    assert problems == [], summary(problems)
