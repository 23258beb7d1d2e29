"""The tags glossary in a real headless Chromium: grouped by kind, filtered as you type.

Served over real HTTP with the site's Content-Security-Policy from netlify.toml,
so the filter must work from static/ with no inline script; at a 1280px desktop
and a 390px phone; and with JavaScript off, where every table stays whole.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterator
from dataclasses import replace

import pytest

from generator import link, lists, urls
from tests.conftest import static_site
from tests.lists_corpus import ROOT, draw_all, metas, site_config

pytestmark = pytest.mark.browser

# One or more codes of every kind, in the order the glossary groups them.
TAGS = {
    "subject": ("PGOV", "PHUM"),
    "program": ("KCOR", "KDEM"),
    "country": ("KZ", "IT"),
    "region": ("XA",),
    "organization": ("NATO", "OSCE"),
    "unknown": ("QQZZ",),
}
CODES = [code for codes in TAGS.values() for code in codes]
WIDTHS = (1280, 390)


def _csp() -> str:
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text("utf-8"))
    rule = next(h for h in netlify["headers"] if h["for"] == "/*")
    return str(rule["values"]["Content-Security-Policy"])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("tags-site")
    items = [replace(m, tags=(CODES[i % len(CODES)], "PREL")) for i, m in enumerate(metas(60))]
    cfg = site_config()
    for path, html in draw_all(list(lists.pages(link.link(items), cfg)), cfg).items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(html, "utf-8")
    shutil.copytree(ROOT / "static", out / "static")
    # The deployed policy: an inline script or handler would be refused and logged.
    with static_site(out, {"Content-Security-Policy": _csp()}) as base:
        yield base + urls.tags()


def _open(browser, url: str, width: int, script: bool = True):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": 800}, java_script_enabled=script)
    errors: list[str] = []
    # A CSP refusal or a script error is logged; a missing file shows as a response.
    page.on("console", lambda m: _log(errors, m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: _missing(errors, r.url, r.status))
    page.goto(url)
    return page, errors


def _log(errors: list[str], text: str) -> None:
    if not text.startswith("Failed to load resource"):  # reported by _missing, with its URL
        errors.append(text)


def _missing(errors: list[str], url: str, status: int) -> None:
    if status >= 400 and not url.endswith("/favicon.ico"):  # the site ships no icon
        errors.append(f"{status} {url}")


def _shown(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all(
        "section.tag-kind:not([hidden]) tbody tr:not([hidden]) code",
        "els => els.map(e => e.textContent)",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_grouped_by_kind_in_order(browser, site: str, width: int) -> None:
    page, errors = _open(browser, site, width)
    try:
        headings = page.locator("section.tag-kind h2").all_inner_texts()
        assert [h.split()[0].lower() for h in headings] == list(TAGS)
        for kind, codes in TAGS.items():
            rows = page.locator(f"#kind-{kind}").locator("xpath=..").locator("tbody code")
            assert set(rows.all_inner_texts()) >= set(codes), kind
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == []
    finally:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_filter_by_code_or_meaning(browser, site: str, width: int) -> None:
    page, errors = _open(browser, site, width)
    try:
        box = page.locator("#tag-filter")
        assert box.is_visible()
        everything = _shown(page)
        assert set(everything) == {*CODES, "PREL"}

        box.fill("corruption")  # KCOR's meaning, not its code
        assert _shown(page) == ["KCOR"]
        assert (
            page.locator("section.tag-kind:not([hidden]) h2")
            .all_inner_texts()[0]
            .startswith("Program")
        )
        status = page.locator("#tag-filter-status")
        assert status.inner_text() == f"1 of {len(everything)} tags shown."
        assert page.locator('[data-kind-count="kind-country"]').inner_text() == "0"

        box.fill("kz")  # a code, in any case
        assert _shown(page) == ["KZ"]

        box.fill("security europe")  # every word must match: OSCE
        assert _shown(page) == ["OSCE"]

        box.fill("no such tag")
        assert _shown(page) == []
        assert status.inner_text().startswith("No tag matches")

        box.fill("")
        assert _shown(page) == everything
        assert status.inner_text() == ""
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert errors == []
    finally:
        page.close()


def test_without_javascript_every_table_is_whole(browser, site: str) -> None:
    page, _ = _open(browser, site, 390, script=False)
    try:
        assert not page.locator("#tag-filter").is_visible()
        assert set(_shown(page)) == {*CODES, "PREL"}
    finally:
        page.close()
