"""Time and links in headless Chromium at desktop and phone widths, under the site's CSP.

The month histograms, the archive's previous/next, the reference graph, the related
cables and the most-cited page, on the seeds + dev corpus build. Set
CABLEGEN_SCREENS to a folder to keep a screenshot of each.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_a11y import corpus_site
from tests.conftest import DEV_CORPUS, SITE_CSP, checked_page, static_site
from tests.hostile.sitebuild import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]

__all__ = ["corpus_site"]  # the seeds + dev corpus site, built once for both modules

WIDTHS = [1280, 390]
BAR_LABEL = re.compile(r"^[A-Z][a-z]+ \d{4}: \d+ cables?$")


@pytest.fixture(scope="module")
def base_url(corpus_site: Built) -> Iterator[str]:
    with static_site(corpus_site.output, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


def cable_path(site: Path, cid: str) -> str:
    found = sorted(site.glob(f"cable/*/*/{cid}.html"))
    if not found:
        pytest.skip(f"{cid} is a dev corpus cable and the dev corpus is not here")
    return found[0].relative_to(site).as_posix()


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def width(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture
def tab(browser: Any, width: int) -> Iterator[Any]:
    with checked_page(browser, viewport={"width": width, "height": 900}) as pg:
        yield pg


def visit(tab: Any, base_url: str, path: str) -> None:
    response = tab.goto(base_url + path, wait_until="load")
    assert response is not None and response.ok, f"{path}: {response and response.status}"


def no_sideways_scroll(tab: Any, path: str) -> None:
    wide = tab.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{path}: the page scrolls sideways by {wide}px"


def keep(tab: Any, name: str, width: int, selector: str | None = None) -> None:
    folder = os.environ.get("CABLEGEN_SCREENS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        target = tab.locator(selector).first if selector else tab
        target.screenshot(path=str(Path(folder) / f"{name}-{width}.png"))


@pytest.mark.parametrize(
    "path", ["index.html", "tag/PGOV/index.html", "classification/secret/index.html"]
)
def test_histogram_bars_say_their_count_and_open_their_month(
    tab: Any, base_url: str, corpus_site: Built, width: int, path: str
) -> None:
    if not (corpus_site.output / path).is_file() and not DEV_CORPUS.is_dir():
        pytest.skip(f"{path} lists dev corpus cables, and the dev corpus is not here")
    visit(tab, base_url, path)
    chart = tab.locator("figure.histogram svg")
    assert chart.is_visible(), f"{path}: no histogram"
    box = chart.bounding_box()
    assert box and box["width"] <= width and box["height"] > 20
    labels = tab.locator("figure.histogram a").evaluate_all(
        "els => els.map(a => a.getAttribute('aria-label'))"
    )
    assert labels and all(BAR_LABEL.match(x) for x in labels), labels[:3]
    bars = tab.locator("figure.histogram rect.bar").evaluate_all(
        "els => els.map(r => r.getBoundingClientRect().height)"
    )
    assert max(bars) > 10, "the tallest bar is not drawn (is the CSS loaded?)"
    fill = tab.locator("figure.histogram rect.bar").first.evaluate("r => getComputedStyle(r).fill")
    assert fill not in ("none", "rgb(0, 0, 0)"), f"bars are not coloured from site.css: {fill}"
    no_sideways_scroll(tab, path)
    keep(tab, "histogram-" + path.split("/")[0].replace(".html", ""), width, "figure.histogram")
    last = tab.locator("figure.histogram a").last
    label = last.get_attribute("aria-label")
    last.click()
    tab.wait_for_load_state("load")
    month = label.split(":")[0]
    assert tab.locator("h1").inner_text() == month, f"{label} did not open {month}"


def test_person_and_origin_pages_have_histograms(
    tab: Any, base_url: str, corpus_site: Built
) -> None:
    site = corpus_site.output
    # A list whose cables have no month has no histogram: take the first that has
    # one, so that histograms missing from a whole kind of list still fail here.
    person, origin = (
        next(
            (
                p.relative_to(site).as_posix()
                for p in sorted(site.glob(f"{kind}/*/index.html"))
                if 'class="histogram' in p.read_text("utf-8")
            ),
            f"no {kind} page has a histogram",
        )
        for kind in ("person", "origin")
    )
    for path in (person, origin):
        visit(tab, base_url, path)
        assert tab.locator("figure.histogram svg").is_visible(), path
        assert "Cables per month" in tab.locator("figure.histogram figcaption").inner_text()


def test_a_cable_alone_at_its_post_still_leads_on_through_the_archive(
    tab: Any, base_url: str, corpus_site: Built, width: int
) -> None:
    path = cable_path(corpus_site.output, "08TUNIS679")
    visit(tab, base_url, path)
    nav = tab.locator("nav.prevnext-archive")
    assert nav.is_visible()
    earlier, later = nav.locator("a.earlier"), nav.locator("a.later")
    assert "Previous in the archive" in earlier.inner_text()
    assert "Next in the archive" in later.inner_text()
    if width < 600:
        # On a phone the two links stack rather than squeeze side by side.
        assert earlier.bounding_box()["y"] < later.bounding_box()["y"]
    no_sideways_scroll(tab, path)
    keep(tab, "archive-prevnext", width, "nav.prevnext-archive")
    later.click()
    tab.wait_for_load_state("load")
    back = tab.locator("nav.prevnext-archive a.earlier")
    assert "08TUNIS679" in back.inner_text(), "next and previous do not agree"


def test_reference_graph_draws_what_its_lists_say(
    tab: Any, base_url: str, corpus_site: Built, width: int
) -> None:
    path = cable_path(corpus_site.output, "09MADRID440")
    visit(tab, base_url, path)
    section = tab.locator("section.ref-graph")
    assert section.locator("svg").is_visible()
    drawn = section.locator("svg text").evaluate_all("els => els.map(t => t.textContent)")
    assert drawn[0] == "09MADRID440" and len(drawn) > 2
    words = section.locator(".graph-lists").inner_text()
    assert all(cid in words for cid in drawn[1:]), f"drawn but not listed: {drawn}"
    assert "not in this archive" in words
    assert section.locator("svg").get_attribute("aria-hidden") == "true"
    missing = section.locator("rect.graph-missing").count()
    assert missing >= 1, "cables not in the archive are not drawn as such"
    no_sideways_scroll(tab, path)
    keep(tab, "graph", width, "section.ref-graph")


def test_related_cables_say_why(tab: Any, base_url: str, corpus_site: Built, width: int) -> None:
    path = cable_path(corpus_site.output, "08TUNIS679")
    visit(tab, base_url, path)
    items = tab.locator("section.related li")
    assert 1 <= items.count() <= 5
    reasons = tab.locator("section.related .why").all_inner_texts()
    starts = ("shares ", "this cable cites", "it cites", "both cite")
    assert all(r.startswith(starts) for r in reasons)
    assert any("PGOV" in r or "ECON" in r for r in reasons), reasons
    no_sideways_scroll(tab, path)
    keep(tab, "related", width, "section.related")
    items.first.locator("a").click()
    tab.wait_for_load_state("load")
    assert tab.locator("h1.subject").is_visible()


def test_most_cited_is_linked_from_home_and_ranks_cables(
    tab: Any, base_url: str, width: int
) -> None:
    visit(tab, base_url, "index.html")
    tab.locator("nav.entry-points a", has_text="Most cited").click()
    tab.wait_for_load_state("load")
    assert tab.locator("h1").inner_text() == "Most cited cables"
    counts = [int(x) for x in tab.locator(".cited-table td.count").all_inner_texts()]
    assert counts and counts == sorted(counts, reverse=True)
    no_sideways_scroll(tab, "cited/index.html")
    keep(tab, "most-cited", width)
