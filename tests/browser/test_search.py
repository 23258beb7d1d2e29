"""The search page in headless Chromium: Pagefind over HTTP, the offline lookup from disk.

The seed cables are built with shards of two pages, so every search runs on
three merged Pagefind indexes and date sorting has to cross shard boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.search import index
from tests.browser.seed_site import seed_site
from tests.conftest import SITE_CSP, checked_page, result_ids, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHRONOLOGICAL = ["05ALMATY3450", "09ASTANA436", "09ASTANA778", "09ASTANA1327", "09ASTANA2159"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = seed_site(tmp_path_factory.mktemp("search-site"), 2)
    shards = (site / index.SHARDS_SCRIPT).read_text()
    assert shards.count(",") == 2, shards  # three shards
    return site


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with static_site(site, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    # A phone's width, where the filters wait behind their button: these tests
    # open them (and load their counts) themselves. test_search_precision runs
    # at a desktop width too, where they are open from the start.
    with checked_page(browser, viewport={"width": 390, "height": 844}) as pg:
        yield pg


def _search(pg, base_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto(base_url + "search/index.html")
    pg.wait_for_selector("#search-filters:not([hidden])")
    pg.fill("#q", query)
    pg.press("#q", "Enter")
    pg.locator("#results .result").first.wait_for()
    expect(pg.locator(".search-page")).to_have_attribute("data-search", "done")


def test_query_shows_the_expected_cable_with_metadata(page, base_url):
    _search(page, base_url, "assistant secretary blake")
    first = page.locator("#results .result").first
    assert first.locator(".result-id").inner_text() == "09ASTANA2159"
    assert "CIVIL SOCIETY LEADERS" in first.locator(".result-title").inner_text()
    meta = first.locator(".result-meta").inner_text()
    assert "2009-12-18" in meta and "Embassy Astana" in meta and "UNCLASSIFIED" in meta
    assert first.locator(".result-excerpt mark").count() > 0
    assert "q=assistant+secretary+blake" in page.url


FACETS = ("classification", "origin", "year", "tag", "person")


def _open_filters(pg, *facets: str) -> None:  # type: ignore[no-untyped-def]
    """Open the filter panel, then the counts of `facets` (all when none are named)."""
    toggle = pg.locator("#filters-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for facet in facets or FACETS:
        pg.locator(f'[data-facet="{facet}"] .facet-open').click()
    pg.locator("#facets input[type=checkbox]").first.wait_for()


def test_a_shared_link_shows_results_and_filter_counts(page, base_url):
    page.goto(base_url + "search/index.html?q=kazakhstan&sort=new")
    expect(page.locator("#results .result")).to_have_count(5)
    assert page.input_value("#q") == "kazakhstan"
    assert page.input_value("#sort") == "new"
    _open_filters(page)
    label = page.locator('#search-filters input[data-facet="origin"][value="Embassy Astana"]')
    expect(label.locator("xpath=..")).to_contain_text(re.compile(r"Embassy Astana\s*\(4\)"))


def test_filter_chunks_load_facet_by_facet_when_opened(page, base_url, site):
    """A plain query loads no filter chunk of a shard; each facet opened loads its own.

    Only the shard directory's filter of shards is read, to name the shards to open.
    """
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/filter/" in r.url else None)
    _search(page, base_url, "kazakhstan")
    page.wait_for_load_state("networkidle")
    assert fetched and all("/pagefind/_shards/" in u for u in fetched), fetched
    fetched.clear()
    assert page.locator("#facets").is_hidden()
    _open_filters(page, "year")
    label = page.locator('#search-filters input[data-facet="year"][value="2009"]')
    expect(label.locator("xpath=..")).to_contain_text(re.compile(r"2009\s*\(4\)"))
    expect(page.locator(".facets-loading")).to_have_count(0)
    expect(page.locator("#search-status")).to_contain_text("5 cables match")
    page.wait_for_load_state("networkidle")
    # One chunk from each of the three shards, all of the year facet.
    shards = sorted(u.split("/pagefind/")[1].split("/")[0] for u in fetched)
    on_disk = (site / "pagefind").iterdir()
    assert shards == sorted(s.name for s in on_disk if s.is_dir() and s.name[0] != "_")
    assert page.locator('#facets input[data-facet="tag"]').count() == 0
    fetched.clear()
    page.locator('[data-facet="tag"] .facet-open').click()
    expect(page.locator('#facets input[data-facet="tag"][value="KZ"]')).to_have_count(1)
    page.wait_for_load_state("networkidle")
    assert len(fetched) == 3 and len(set(fetched)) == 3
    page.locator("#filters-toggle").click()
    assert page.locator("#facets").is_hidden()


def test_filter_narrows_and_back_restores(page, base_url):
    _search(page, base_url, "kazakhstan")
    assert sorted(result_ids(page)) == sorted(CHRONOLOGICAL)
    _open_filters(page)
    year = page.locator('#search-filters input[data-facet="year"][value="2005"]')
    expect(year.locator("xpath=..")).to_contain_text(re.compile(r"2005\s*\(1\)"))
    year.check()
    expect(page.locator("#results .result")).to_have_count(1)
    assert result_ids(page) == ["05ALMATY3450"]
    assert "year=2005" in page.url
    # The URL alone restores the search: reload it in a fresh visit.
    page.goto(page.url)
    expect(page.locator("#results .result")).to_have_count(1)
    assert page.locator('input[data-facet="year"][value="2005"]').is_checked()
    page.go_back()
    expect(page.locator("#results .result")).to_have_count(5)


def test_sort_by_date_across_shards(page, base_url):
    _search(page, base_url, "kazakhstan")
    page.select_option("#sort", "old")
    page.wait_for_url(re.compile(r"sort=old"))
    expect(page.locator("#results .result-id").first).to_have_text(CHRONOLOGICAL[0])
    expect(page.locator("#results .result")).to_have_count(5)
    assert result_ids(page) == CHRONOLOGICAL
    page.select_option("#sort", "new")
    expect(page.locator("#results .result-id").first).to_have_text(CHRONOLOGICAL[-1])
    expect(page.locator("#results .result")).to_have_count(5)
    assert result_ids(page) == CHRONOLOGICAL[::-1]


@pytest.mark.parametrize("typed", ["09ASTANA2159", "09 ASTANA 2159", "09astana2159"])
def test_exact_id_goes_straight_to_the_cable(page, base_url, typed):
    page.goto(base_url + "search/index.html")
    page.wait_for_selector("#search-filters:not([hidden])")
    page.fill("#q", typed)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"cable/2009/12/09ASTANA2159\.html$"))


def test_search_box_on_every_page_leads_to_search(page, base_url):
    page.goto(base_url + "cable/2009/05/09ASTANA778.html")
    page.fill("#site-q", "09 astana 436")
    page.press("#site-q", "Enter")
    page.wait_for_url(re.compile(r"cable/2009/03/09ASTANA436\.html$"))


def test_opening_a_result_highlights_the_words(page, base_url):
    _search(page, base_url, "trajectory")
    link = page.locator("#results .result-title a").first
    assert "highlight=trajectory" in (link.get_attribute("href") or "")
    link.click()
    page.wait_for_url(re.compile(r"09ASTANA1327\.html\?highlight=trajectory"))
    page.wait_for_selector("mark.pagefind-highlight")
    assert "trajectory" in page.locator("mark.pagefind-highlight").first.inner_text().lower()


def test_from_disk_says_so_and_looks_up_by_id_and_subject(page, site):
    url = (site / "search" / "index.html").as_uri()
    page.goto(url)
    notice = page.locator("#offline")
    assert notice.is_visible()
    assert "cablegen serve" in notice.inner_text()
    page.fill("#q", "human rights council")
    page.press("#q", "Enter")
    page.locator("#results .result").first.wait_for()
    assert "09ASTANA778" in page.locator("#results").inner_text()
    assert "in the subject" in page.locator("#search-status").inner_text()
    page.fill("#q", "09 astana 436")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"^file://.*cable/2009/03/09ASTANA436\.html$"))
