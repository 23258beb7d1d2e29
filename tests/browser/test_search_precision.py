"""What the search finds, and how it shows it, at a desktop and a phone width.

The site is the seed cables plus five made-up ones (tests/data/search) built so
that each query has a whole-word match, a match by prefix only, or neither:
"Ben Ali" (08TUNIS9679) against "Benjamin" (10SANAA9221) and "Ben Guerir"
(08RABAT9727), a Wikipedia address that "wikileaks" only begins like, and
"Qadhafi" (07TRIPOLI9033, 09MADRID9100) written nowhere as "Gaddafi". Every
test runs at 1280 and at 390 px wide.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.commands.build import build
from generator.config import SiteConfig
from generator.search import index
from tests.conftest import DEV_CORPUS, SITE_CSP, checked_page, result_ids, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
MADE_UP = ROOT / "tests" / "data" / "search"


def _build(out: Path, cables: list[Path], cap: int) -> Path:
    content = out / "content"
    (content / "cables").mkdir(parents=True)
    for path in cables:
        shutil.copy(path, content / "cables" / path.name)
    shutil.copy(ROOT / "content" / "people.toml", content / "people.toml")
    config = SiteConfig(
        content=content,
        output=out / "site",
        cache=out / "cache",
        templates=ROOT / "templates",
        static=ROOT / "static",
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index, "SHARD_CAP", cap)  # several shards, as a large archive has
        build(config)
    return out / "site"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cables = sorted((ROOT / "content" / "cables").glob("*.txt")) + sorted(MADE_UP.glob("*.txt"))
    site = _build(tmp_path_factory.mktemp("precision"), cables, 3)
    with static_site(site, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


@pytest.fixture(params=[1280, 390], ids=["desktop", "phone"])
def page(browser, request):  # type: ignore[no-untyped-def]
    size = {"width": request.param, "height": 900}
    with checked_page(browser, viewport=size, accept_downloads=True) as pg:
        yield pg


def _open(pg, base_url: str, query: str) -> None:  # type: ignore[no-untyped-def]
    """Open the search page on `query` (URL parameters) and wait for its answer."""
    pg.goto(base_url + "search/index.html?" + query)
    expect(pg.locator(".search-page")).to_have_attribute("data-search", "done", timeout=30_000)


def test_a_word_in_no_cable_gives_no_result_and_says_so(page, base_url):
    _open(page, base_url, "q=wikileaks")
    expect(page.locator("#search-status")).to_have_text("No cable contains “wikileaks”.")
    assert result_ids(page) == []
    offer = page.locator("#search-partial button")
    offered = r"^Show (\d+) cables? with words that only begin like “wiki…”$"
    expect(offer).to_have_text(re.compile(offered))
    count = int(re.findall(r"\d+", offer.inner_text())[0])
    offer.click()
    page.wait_for_url(re.compile(r"partial=1"))
    expect(page.locator("#results .result")).to_have_count(count)
    assert "08RABAT9727" in result_ids(page)
    expect(page.locator("#search-status")).to_contain_text("No cable contains “wikileaks”.")


def test_whole_words_rank_above_prefixes_and_phrases_match_as_phrases(page, base_url):
    _open(page, base_url, "q=ali+ben")
    expect(page.locator("#search-status")).to_contain_text("2 cables match “ali ben”.")
    assert sorted(result_ids(page)) == ["08RABAT9727", "08TUNIS9679"]  # not "Benjamin"
    page.locator("#search-partial button").click()
    # The list is drawn again from empty: wait for a third result, not just "not two".
    expect(page.locator("#results .result").nth(2)).to_be_attached()
    ids = result_ids(page)
    assert sorted(ids[:2]) == ["08RABAT9727", "08TUNIS9679"]  # the whole matches come first
    assert "10SANAA9221" in ids[2:]
    _open(page, base_url, "q=%22ben+ali%22")
    expect(page.locator("#results .result")).to_have_count(1)
    assert result_ids(page) == ["08TUNIS9679"]
    _open(page, base_url, "q=ben+ali")
    assert result_ids(page) == ["08TUNIS9679"]


@pytest.mark.parametrize(
    ("typed", "target"),
    [
        ("08TUNIS09679", "cable/2008/06/08TUNIS9679.html"),
        ("08 TUNIS 009679", "cable/2008/06/08TUNIS9679.html"),
        ("09ASTANA002159", "cable/2009/12/09ASTANA2159.html"),
    ],
)
def test_ids_as_cables_print_them_go_to_the_cable(page, base_url, typed, target):
    page.goto(base_url + "search/index.html")
    page.wait_for_selector("#search-filters:not([hidden])")
    page.fill("#q", typed)
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(re.escape(target) + "$"))


def test_a_spelling_of_a_person_finds_the_others(page, base_url):
    _open(page, base_url, "q=gaddafi")
    expect(page.locator("#search-status")).to_contain_text(
        "“gaddafi” is read as Muammar al-Qadhafi"
    )
    expect(page.locator("#results .result")).to_have_count(2)
    assert sorted(result_ids(page)) == ["07TRIPOLI9033", "09MADRID9100"]
    marks = page.locator("#results .result-excerpt mark").all_inner_texts()
    assert marks and all("qadhafi" in m.lower() for m in marks)
    _open(page, base_url, "q=qadhafi")
    assert sorted(result_ids(page)) == ["07TRIPOLI9033", "09MADRID9100"]


def test_snippets_are_body_only_without_pilcrows_with_the_coloured_label(page, base_url):
    _open(page, base_url, "q=marina")
    result = page.locator("#results .result").first
    expect(result.locator(".result-id")).to_have_text("08TUNIS9679")
    excerpt = result.locator(".result-excerpt").inner_text()
    assert "¶" not in excerpt
    assert "FAMILY AND THE HARBOUR" not in excerpt  # the subject is the title, not the snippet
    assert result.locator(".result-excerpt mark").inner_text() == "marina."
    label = result.locator(".result-class")
    expect(label).to_have_text("SECRET")
    colour = label.evaluate("e => getComputedStyle(e).color")
    page.goto(base_url + "cable/2008/06/08TUNIS9679.html")
    on_page = page.locator(".cable-meta a.level-secret").evaluate("e => getComputedStyle(e).color")
    assert colour == on_page == "rgb(200, 16, 46)"


def test_filters_open_on_wide_screens_behind_a_button_on_narrow_ones(page, base_url):
    _open(page, base_url, "q=harbour")
    toggle = page.locator("#filters-toggle")
    expect(toggle).to_have_text("Filters")
    first = page.locator("#results .result").first
    if page.viewport_size["width"] >= 1000:
        expect(page.locator("#facets")).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        # Beside the results, not under them.
        assert page.locator("#facets").bounding_box()["y"] < first.bounding_box()["y"] + 200
    else:
        expect(page.locator("#facets")).to_be_hidden()
        assert toggle.bounding_box()["y"] < first.bounding_box()["y"]
        toggle.click()
        expect(page.locator("#facets")).to_be_visible()
    # Each facet's counts load when it is opened.
    page.locator('[data-facet="origin"] .facet-open').click()
    # The origin filter shows posts by name, as the cable page does.
    origin = page.locator('#facets input[data-facet="origin"][value="Embassy Tunis"]')
    expect(origin.locator("xpath=..")).to_contain_text(re.compile(r"Embassy Tunis\s*\(1\)"))
    assert page.locator('#facets input[data-facet="origin"][value="TUNIS"]').count() == 0
    origin.check()
    expect(page.locator("#results .result")).to_have_count(1)
    assert result_ids(page) == ["08TUNIS9679"]


def test_a_month_range_narrows_the_results(page, base_url):
    _open(page, base_url, "q=harbour")
    expect(page.locator("#results .result")).to_have_count(4)
    if page.locator("#facets").is_hidden():
        page.locator("#filters-toggle").click()
    page.fill("#from", "2008-01")
    page.wait_for_url(re.compile(r"from=2008-01"))
    expect(page.locator("#results .result")).to_have_count(4)
    page.fill("#to", "2008-12")
    page.wait_for_url(re.compile(r"to=2008-12"))
    expect(page.locator("#results .result")).to_have_count(2)
    assert sorted(result_ids(page)) == ["08RABAT9727", "08TUNIS9679"]
    page.select_option("#sort", "old")
    expect(page.locator("#results .result-id").first).to_have_text("08TUNIS9679")
    assert result_ids(page) == ["08TUNIS9679", "08RABAT9727"]
    # The range lives in the URL: a fresh visit shows the same.
    page.goto(page.url)
    expect(page.locator("#results .result")).to_have_count(2)
    assert page.input_value("#from") == "2008-01" and page.input_value("#to") == "2008-12"


def _download(pg, fmt: str) -> str:  # type: ignore[no-untyped-def]
    with pg.expect_download() as info:
        pg.locator(f'#search-export button[data-format="{fmt}"]').click()
    return Path(info.value.path()).read_text("utf-8")


def test_results_download_as_csv_and_json(page, base_url):
    _open(page, base_url, "q=harbour&sort=old")
    expect(page.locator("#export-note")).to_have_text("A download holds all 4 matching cables.")
    rows = list(csv.DictReader(io.StringIO(_download(page, "csv"))))
    assert [r["id"] for r in rows] == ["08TUNIS9679", "08RABAT9727", "09MADRID9100", "10SANAA9221"]
    assert rows[0] == {
        "id": "08TUNIS9679",
        "date": "2008-06-23",
        "subject": "TUNISIA: THE FAMILY AND THE HARBOUR",
        "classification": "SECRET",
    }
    data = json.loads(_download(page, "json"))
    assert data["total"] == 4 and data["query"] == "harbour"
    assert [c["id"] for c in data["cables"]] == [r["id"] for r in rows]


def test_a_download_holds_at_most_its_limit_and_says_so(page, base_url):
    def smaller_limit(route):  # type: ignore[no-untyped-def]
        body = route.fetch().text().replace('data-export-limit="1000"', 'data-export-limit="3"')
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    page.route(re.compile(r"search/index\.html"), smaller_limit)
    _open(page, base_url, "q=harbour&sort=new")
    expect(page.locator("#export-note")).to_have_text(
        "A download holds the first 3 of the 4 matching cables."
    )
    rows = list(csv.DictReader(io.StringIO(_download(page, "csv"))))
    assert [r["id"] for r in rows] == ["10SANAA9221", "09MADRID9100", "08RABAT9727"]


@pytest.fixture(scope="module")
def dev_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not DEV_CORPUS.is_dir():
        pytest.skip(f"dev corpus not found at {DEV_CORPUS}; the real cables are not shipped")
    cables = sorted((ROOT / "content" / "cables").glob("*.txt")) + sorted(DEV_CORPUS.glob("*.txt"))
    site = _build(tmp_path_factory.mktemp("dev-precision"), cables, 100)
    with static_site(site, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


def test_the_dev_corpus_queries_a_reader_tried(page, dev_url):
    _open(page, dev_url, "q=wikileaks")
    expect(page.locator("#search-status")).to_have_text("No cable contains “wikileaks”.")
    _open(page, dev_url, "q=ben+ali")
    assert "10SANAA221" not in result_ids(page)  # "AMBASSADOR BENJAMIN"
    assert result_ids(page)[0] in {"08TUNIS679", "08RABAT194"}
    _open(page, dev_url, "q=gaddafi")
    expect(page.locator("#search-status")).to_contain_text("7 cables match")
    page.fill("#q", "08TUNIS0679")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"cable/2008/06/08TUNIS679\.html$"))
