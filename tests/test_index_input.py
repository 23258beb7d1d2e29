"""What Pagefind is handed of each page: its searchable element, indexed as the whole page."""

from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.config import SiteConfig
from generator.corpus.link import Corpus
from generator.search import index, pagefind_order
from generator.search import page_input as index_input
from tests.conftest import dev_cable_files
from tests.search_fixtures import fake_meta, page_html

ROOT = Path(__file__).resolve().parent.parent


def test_marks_are_empty_elements_after_body():
    m = replace(fake_meta("05ALMATY3450", None, "s"), year=2005)
    out = index_input.mark('<html><body class="c"><p>x</p></body></html>', "2009-12", m)
    assert out.startswith('<html><body class="c"><span hidden data-pagefind-filter="shard:2009-12"')
    assert 'data-pagefind-sort="date:0000"></span>' in out
    assert '<span hidden data-pagefind-filter="year:2005"></span>' in out
    # A year known from the ID alone gives no month: the cable is outside every date range.
    assert '<span hidden data-pagefind-filter="month:undated"></span><p>x</p>' in out
    dated = fake_meta("09ASTANA2159", "2009-12-18T05:19:00Z", "s")
    assert 'data-pagefind-filter="month:2009-12"' in index_input.marks("2009-12", dated)
    assert index_input.sort_key("2009-12-18T05:19:00Z") == "2009-12-18T051900Z"
    assert index_input.sort_key("2009-12-18T05:19:00Z") > index_input.sort_key(None)


def test_search_html_keeps_the_body_element_language_and_title():
    m = fake_meta("09ASTANA2159", "2009-12-18T05:19:00Z", "Human rights")
    page = page_html(m, "wheat").replace("<title>x</title>", "<title>09ASTANA2159 · A</title>")
    out = index_input.search_html(page, "2009-12", m)
    assert out.startswith('<!doctype html><html lang="en"><head><meta charset="utf-8">')
    assert "<title>09ASTANA2159 · A</title></head><body>" + index_input.marks("2009-12", m) in out
    start = page.index("<article")
    end = page.index("</article>") + len("</article>")
    assert out.endswith(page[start:end] + "</body></html>")
    assert "zanzibar" not in out  # the navigation is not handed over


def test_search_html_matches_the_closing_tag_of_nested_elements():
    m = fake_meta("09STATE1", "2009-01-01T00:00:00Z", "s")
    page = (
        '<html lang="fr"><body><div id="nav">menu</div><div data-pagefind-body><div>a</div>'
        "<div><div>b</div></div>c</div><div>after</div></body></html>"
    )
    out = index_input.search_html(page, "s", m)
    assert "<div>a</div><div><div>b</div></div>c</div></body></html>" in out
    assert '<html lang="fr">' in out and "after" not in out and "menu" not in out
    # The attribute's name in text, or inside another name, is not the attribute.
    page = page.replace("menu", "the data-pagefind-body attribute <i x-data-pagefind-body>")
    assert index_input.search_html(page, "s", m) == out


@pytest.mark.parametrize(
    "page",
    [
        # No searchable element: Pagefind indexes the whole body.
        '<html><body><p data-pagefind-meta="x">a</p></body></html>',
        # A filter outside the searchable element still counts for Pagefind.
        '<html><body><p data-pagefind-filter="f">v</p><main data-pagefind-body>t</main></body>',
        # Never closed.
        "<html><body><main data-pagefind-body>t</body></html>",
    ],
)
def test_search_html_hands_over_the_whole_page_when_unsure(page):
    m = fake_meta("09STATE1", "2009-01-01T00:00:00Z", "s")
    assert index_input.search_html(page, "s", m) == index_input.mark(page, "s", m)


def test_an_ignored_element_outside_the_body_does_not_force_the_whole_page():
    m = fake_meta("09STATE1", "2009-01-01T00:00:00Z", "s")
    page = "<html><body><main data-pagefind-body>t</main><aside data-pagefind-ignore>x</aside>"
    assert "<main data-pagefind-body>t</main></body></html>" in index_input.search_html(
        page, "s", m
    )


def _index(folder: Path, out: Path) -> dict[str, bytes]:
    asyncio.run(index.run_pagefind(folder, out))
    pagefind_order.normalise(out)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_the_index_of_the_staged_element_equals_the_index_of_whole_pages(tmp_path):
    """Results, excerpts, filters, counts, sort keys: every byte Pagefind writes is the same."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "cables", content / "cables")
    for path in dev_cable_files()[:40]:  # real cables when the dev corpus is beside the checkout
        shutil.copy2(path, content / "cables" / path.name)
    site = tmp_path / "site"
    config = SiteConfig(
        content=content,
        output=site,
        cache=tmp_path / "cache",
        templates=ROOT / "templates",
        static=ROOT / "static",
        search=False,
    )
    build(config)
    from bench.search import corpus_from_site

    corpus: Corpus = corpus_from_site(site)
    whole = tmp_path / "whole"
    for cid in corpus.order:
        m = corpus.cables[cid]
        target = whole / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(index_input.mark((site / m.path).read_text("utf-8"), "s", m), "utf-8")
    staged = tmp_path / "staged"
    assert index_input.stage(site, corpus, "s", corpus.order, staged) == []
    staged_bytes = sum(p.stat().st_size for p in staged.rglob("*.html"))
    assert staged_bytes < sum(p.stat().st_size for p in whole.rglob("*.html"))
    expected = _index(whole, tmp_path / "whole-index")
    got = _index(staged, tmp_path / "staged-index")
    assert got.keys() == expected.keys()
    assert [k for k in got if got[k] != expected[k]] == []
