"""Index pages in a real headless Chromium, opened from disk, at phone and desktop widths.

Checks what a reader would notice: no sideways scrolling on a 390px phone, the
cable table turning into one card per cable there, and every label readable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import urls
from tests.lists_corpus import write_site

pytestmark = pytest.mark.browser
PAGES = (urls.home(), urls.tag("PGOV"), urls.person("yevgeniy-zhovtis"), urls.tags(), urls.dates())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("lists-site"))


def _open(browser, site: Path, path: str, width: int):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto((site / path).as_uri())
    return page


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_a_phone(browser, site: Path, path: str) -> None:
    page = _open(browser, site, path, 390)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "16px"
    finally:
        page.close()


def test_cable_table_is_a_table_on_desktop_and_cards_on_a_phone(browser, site: Path) -> None:
    head = "getComputedStyle(document.querySelector('.cable-table thead')).{}"
    row = "getComputedStyle(document.querySelector('.cable-table tbody tr')).display"
    wide = _open(browser, site, urls.tag("PGOV"), 1280)
    narrow = _open(browser, site, urls.tag("PGOV"), 390)
    try:
        assert wide.evaluate(row) == "table-row"
        assert wide.evaluate(head.format("height")) != "1px"
        assert narrow.evaluate(row) == "grid"
        # With sorting on (static/site.js), the headings are one row of sort buttons.
        bar = "getComputedStyle(document.querySelector('.cable-table thead tr')).display"
        assert narrow.evaluate(bar) == "flex"
        assert narrow.locator(".cable-table thead button.sort").count() == 5
        subject = narrow.locator(".cable-table tbody tr .c-subject").first.bounding_box()
        assert subject is not None and subject["width"] > 300  # the subject gets the full width
    finally:
        wide.close()
        narrow.close()


def test_classification_labels_keep_their_words_and_colours(browser, site: Path) -> None:
    page = _open(browser, site, urls.classifications(), 1280)
    try:
        labels = page.locator(".cls-label")
        texts = labels.all_inner_texts()
        assert "SECRET//NOFORN" in texts
        colours = {
            page.evaluate(
                "e => getComputedStyle(e).backgroundColor", labels.nth(i).element_handle()
            )
            for i in range(labels.count())
        }
        assert len(colours) == 3  # unclassified, confidential, secret
    finally:
        page.close()
