"""Editorial pages from content/pages/*.md and the 404 page."""

from __future__ import annotations

import posixpath

from generator import urls
from generator.model import Source
from generator.site import editorial
from generator.source import read
from tests.lists_corpus import ROOT, draw_all, parse_links, site_config


def _source(path: str, text: str) -> Source:
    return Source(path=path, text=text, digest="0" * 64)


def test_markdown_renders_with_raw_html_disabled() -> None:
    text = (
        "# Notes <b>bold</b>\n\nSome *text* and <script>alert(1)</script>.\n\n"
        "[bad](javascript:alert(1)) [good](../tags/index.html)\n"
    )
    page = editorial.page(_source("notes.md", text))
    assert page.path == "notes/index.html"
    assert page.context.title == "Notes <b>bold</b>"
    html = page.context.html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<em>text</em>" in html
    assert 'href="javascript' not in html
    assert 'href="../tags/index.html"' in html
    rendered = draw_all([page], site_config())[page.path]
    assert "<title>Notes &lt;b&gt;bold&lt;/b&gt; · " in rendered


def test_title_falls_back_to_the_file_name() -> None:
    page = editorial.page(_source("how-to-read.md", "No heading here.\n"))
    assert page.context.title == "How to read"


def test_only_markdown_files_become_pages_in_path_order() -> None:
    sources = [_source("z.md", "# Z\n"), _source("notes.txt", "x"), _source("a.md", "# A\n")]
    assert [p.path for p in editorial.pages(sources)] == ["a/index.html", "z/index.html"]


def test_the_shipped_pages_render_and_link_inside_the_site() -> None:
    pages = list(editorial.pages(read.walk(ROOT / "content" / "pages")))
    paths = {p.path: p for p in pages}
    assert set(paths) == {urls.editorial("about"), urls.editorial("how-to-read")}
    assert paths[urls.editorial("about")].context.title == "About this archive"
    how = paths[urls.editorial("how-to-read")].context
    assert how.title == "How to read a cable"
    for heading in ("The routing header", "The caption", "References", "The body"):
        assert f"<h2>{heading}</h2>" in how.html
    for term in ("TAGS", "portion mark", "REF", "date-time group"):
        assert term.lower() in how.html.lower()
    site_pages = {
        urls.home(),
        urls.tags(),
        urls.people(),
        urls.origins(),
        urls.dates(),
        urls.classifications(),
        urls.search(),
        urls.reading(),
        urls.export("cables.csv"),
        urls.export("cables.jsonl"),
        urls.feed(),
        *paths,
    }
    html = draw_all(pages, site_config())
    for path, text in html.items():
        for href in parse_links(text).links:
            target = href.partition("#")[0]
            if not target:
                continue  # the layout's skip link
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in site_pages or resolved.startswith("static/"), (path, href)


def test_not_found_links_are_root_relative_without_a_base_url() -> None:
    page = editorial.not_found(site_config())
    assert page.path == "404.html"
    html = draw_all([page], site_config())["404.html"]
    links = [link for link in parse_links(html).links if not link.startswith("#")]
    assert links and all(link.startswith("/") for link in links)
    assert 'href="/static/site.css"' in html and 'action="/search/"' in html


def test_not_found_links_use_the_base_url_when_set() -> None:
    cfg = site_config(base_url="https://cables.example.org/archive")
    html = draw_all([editorial.not_found(cfg)], cfg)["404.html"]
    links = [link for link in parse_links(html).links if not link.startswith("#")]
    assert links and all(link.startswith("https://cables.example.org/archive/") for link in links)
