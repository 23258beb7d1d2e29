"""Index pages: pagination, ordering, glossary, origins, dates, classifications, home.

Pages are built from a hand-made Corpus and rendered through the real templates.
"""

from __future__ import annotations

import posixpath
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator import urls
from generator.site import listing, lists
from tests.lists_corpus import corpus, draw_all, parse_links, site_config


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, object], dict[str, str]]:
    cfg = site_config()
    pages = list(lists.pages(corpus(), cfg))
    return {p.path: p for p in pages}, draw_all(pages, cfg)


def test_every_page_path_is_unique_and_a_file(built) -> None:
    pages, _ = built
    cfg = site_config()
    paths = [p.path for p in lists.pages(corpus(), cfg)]
    assert len(paths) == len(set(paths))
    assert all(p.endswith(".html") and not p.startswith("/") for p in paths)


def test_lists_paginate_newest_first_with_stable_names(built) -> None:
    pages, html = built
    c = corpus()
    ids = c.by_tag["PGOV"]  # 65 cables: two pages of 50
    first, second = pages[urls.tag("PGOV")], pages[urls.tag("PGOV", 2)]
    assert urls.tag("PGOV", 2) == "tag/PGOV/p2.html"
    assert urls.tag("PGOV", 3) not in pages
    rows = [r.id for r in first.context.rows] + [r.id for r in second.context.rows]
    assert rows == list(reversed(ids))
    assert len(first.context.rows) == 50 and len(second.context.rows) == len(ids) - 50
    assert first.context.pager.prev is None and first.context.pager.next == urls.tag("PGOV", 2)
    assert second.context.pager.prev == urls.tag("PGOV") and second.context.pager.next is None
    page1 = html[urls.tag("PGOV")]
    assert 'rel="next" href="p2.html"' in page1
    assert 'aria-current="page" href="index.html">1<' in page1
    assert "Cables 1–50 of 65, page 1 of 2, newest first" in page1
    one_page = len(c.by_origin["ZZNOWHERE"])
    assert f"{one_page} cables, newest first" in html[urls.origin("ZZNOWHERE")]


def test_page_size_comes_from_config() -> None:
    cfg = site_config(page_size=10)
    paths = {p.path for p in lists.pages(corpus(), cfg)}
    assert urls.tag("PGOV", 7) in paths and urls.tag("PGOV", 8) not in paths


def test_pager_window_elides_far_pages() -> None:
    pager = listing.pager(10, 30 * 50, 50, lambda n: f"x/p{n}.html")
    shown = [link.number for link in pager.links]
    assert shown == [1, 0, 8, 9, 10, 11, 12, 0, 30]
    assert (pager.first, pager.last, pager.count) == (451, 500, 30)


def test_every_row_shows_id_date_subject_origin_and_classification(built) -> None:
    _, html = built
    page = html[urls.origin("ASTANA")]
    c = corpus()
    newest = c.cables[c.by_origin["ASTANA"][-1]]
    assert newest.id in page and newest.created[:10] in page
    assert 'class="cls-label cls-' in page
    assert "Embassy Astana" in page and "Kazakhstan" in page


def test_subjects_are_escaped(built) -> None:
    _, html = built
    for path, text in html.items():
        assert "<script>alert" not in text, path
    assert "&lt;script&gt;alert(" in html[urls.tag("PGOV")]


def test_glossary_shows_meaning_kind_count_and_code_alone_when_unknown(built) -> None:
    pages, html = built
    ctx = pages[urls.tags()].context
    entries = {e.code: e for s in ctx.sections for e in s.entries}
    assert entries["PGOV"].meaning and entries["PGOV"].count == 65
    assert entries["QQZZ"].meaning == "" and entries["QQZZ"].kind == "unknown"
    assert entries["KZ"].kind == "country"
    page = html[urls.tags()]
    assert re.search(r"<code>QQZZ</code></a></td><td class=\"g-meaning\"></td>", page)
    assert pages[urls.tag("QQZZ")].context.title == "QQZZ"
    assert pages[urls.tag("PGOV")].context.title.startswith("PGOV — ")


def test_origins_show_station_name_and_country(built) -> None:
    pages, _ = built
    sections = {s.country: s for s in pages[urls.origins()].context.sections}
    assert sections["Kazakhstan"].entries[0].name == "Embassy Astana"
    assert list(sections)[-1] == "Country not known"
    nowhere = pages[urls.origin("ZZNOWHERE")].context
    assert nowhere.title == "ZZNOWHERE"


def test_dates_count_years_and_months(built) -> None:
    pages, html = built
    ctx = pages[urls.dates()].context
    c = corpus()
    assert [y.year for y in ctx.years] == [2008, 2009, 2010]
    assert ctx.undated == 1
    for y in ctx.years:
        assert y.count == sum(m.count for m in y.months) == len(c.by_year[y.year])
        for i, m in enumerate(y.months, 1):
            assert bool(m.target) == ((y.year, i) in c.by_month)
    assert urls.year_page(2009) in pages and urls.month(2009, 2) in pages
    assert "February 2009" in html[urls.month(2009, 2)]


def test_classifications_are_labelled_by_level(built) -> None:
    pages, html = built
    levels = {e.name: e.label.level for e in pages[urls.classifications()].context.entries}
    assert levels["SECRET//NOFORN"] == "secret"
    assert levels["UNCLASSIFIED//FOR OFFICIAL USE ONLY"] == "unclassified"
    assert listing.label("TOP SECRET").level == "top-secret"
    assert listing.label("").level == "unknown"
    assert "cls-confidential" in html[urls.classification("CONFIDENTIAL")]


def test_home_holds_counts_newest_entry_points_and_search_box(built) -> None:
    pages, html = built
    ctx = pages[urls.home()].context
    c = corpus()
    assert ctx.total == 130 and ctx.post_count == 3
    assert sum(x.count for x in ctx.classifications) == 130
    assert [n.id for n in ctx.newest] == list(reversed(c.order[-lists.NEWEST_ON_HOME :]))
    page = html[urls.home()]
    assert 'action="search/index.html"' in page and 'name="q"' in page
    assert 'type="application/atom+xml" href="feed.xml"' in page
    for target in ("tags/index.html", "people/index.html", "how-to-read/index.html"):
        assert f'href="{target}"' in page


def test_every_link_resolves_within_the_generated_pages(built) -> None:
    _, html = built
    c = corpus()
    known = set(html) | {m.path for m in c.cables.values()}
    known |= {urls.search(), urls.reading(), urls.editorial("about"), urls.editorial("how-to-read")}
    known.add(urls.most_cited())
    known |= {urls.static("site.css"), urls.static("site.js"), urls.feed()}
    known |= {urls.static("favicon.svg")}
    for path, text in html.items():
        found = parse_links(text)
        for href in found.links:
            assert not href.startswith(("/", "http:", "https:")), (path, href)
            target, _, fragment = href.partition("#")
            if not target:
                assert fragment in found.ids, (path, href)
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            assert resolved in known, (path, href)


def test_same_corpus_in_any_order_gives_identical_bytes() -> None:
    cfg = site_config()
    a = draw_all(list(lists.pages(corpus(), cfg)), cfg)
    b = draw_all(list(lists.pages(corpus(shuffle=7), cfg)), cfg)
    assert list(a) == list(b)
    assert a == b


def test_empty_corpus_still_has_every_index() -> None:
    cfg = site_config()
    from generator.corpus.link import link

    pages = list(lists.pages(link([]), cfg))
    html = draw_all(pages, cfg)
    assert set(html) == {
        urls.home(),
        urls.tags(),
        urls.origins(),
        urls.dates(),
        urls.classifications(),
        urls.people(),
    }
    assert "0 cables from 0 posts" in html[urls.home()]


def _relpath_href(page: str, target: str) -> str:
    path, hash_, fragment = target.partition("#")
    start = posixpath.dirname(page) or "."
    rel = posixpath.relpath(path, start) if path else posixpath.basename(page)
    return rel + (hash_ + fragment if hash_ else "")


_SEGMENT = st.sampled_from(["a", "b", "tag", "2009", "index.html", "p2.html", ".", "..", ""])


@given(
    page=st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
    target=st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
    fragment=st.sampled_from(["", "#p3"]),
)
def test_list_links_match_posixpath_relpath(page: str, target: str, fragment: str) -> None:
    # Every row link goes through urls.href; its fast path must agree with relpath.
    assume(not page.startswith("/") and not target.startswith("/"))
    assert urls.href(page, target + fragment) == _relpath_href(page, target + fragment)


def test_keys_with_the_same_page_path_share_one_list() -> None:
    from dataclasses import replace

    from generator.corpus.link import link
    from tests.lists_corpus import metas

    items = metas(6)
    items = [
        replace(m, tags=("SMITH, JOHN",) if i % 2 else ("Smith John",)) for i, m in enumerate(items)
    ]
    c = link(items)
    assert urls.tag("SMITH, JOHN") == urls.tag("Smith John")
    pages = [p for p in lists.tag_pages(c, site_config()) if p.path == urls.tag("Smith John")]
    assert len(pages) == 1
    ctx = pages[0].context
    assert [r.id for r in ctx.rows] == list(reversed(c.order))
    assert ("Also written", "Smith John") in [(f.term, f.value) for f in ctx.facts]
