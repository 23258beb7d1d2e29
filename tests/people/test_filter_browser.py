"""The people index's filter box in a real headless Chromium, served over HTTP with the site's CSP.

The box is made by static/site.js: without scripts the page lists every name
and shows no box; with them, typing hides the names that do not match and the
letter sections left empty, and the letter index stays whole.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pytest

from generator import urls
from tests.conftest import static_site
from tests.lists_corpus import ROOT, write_site

pytestmark = pytest.mark.browser


def _csp() -> str:
    headers = tomllib.loads((ROOT / "netlify.toml").read_text("utf-8"))["headers"]
    policy = next(h["values"]["Content-Security-Policy"] for h in headers if h["for"] == "/*")
    # the test server speaks plain HTTP on loopback: nothing there to upgrade to
    return policy.replace("; upgrade-insecure-requests", "")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = write_site(tmp_path_factory.mktemp("people-site"))
    with static_site(out, {"Content-Security-Policy": _csp()}) as url:
        yield url


def _visible(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(f"{selector} >> visible=true").all_inner_texts()]


def test_filter_box_narrows_the_names_and_keeps_the_letters(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    # only this page's lists are drawn (no search index, no icons): a missing
    # file is not this test's business, a CSP refusal or a script error is
    page.on("console", lambda m: errors.append(m.text) if "Security Policy" in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base_url + urls.people())
        letters = _visible(page, "nav.letters a")
        every = _visible(page, ".people-list li a")
        assert len(every) >= 3
        box = page.get_by_label("Filter names on this page")
        box.fill("zhov")
        assert _visible(page, ".people-list li a") == ["Yevgeniy Zhovtis"]
        assert _visible(page, "section h2") == ["Z", "Most often named"]
        assert _visible(page, "nav.letters a") == letters  # the letter index stays whole
        assert "1 name matches" in page.locator(".people-filter-status").inner_text()
        box.fill("adams ANN")  # any word order, any case
        assert _visible(page, ".people-list li a") == ["Ann Adams"]
        box.fill("nobody-by-this-name")
        assert _visible(page, ".people-list li a") == []
        box.fill("")
        assert _visible(page, ".people-list li a") == every
        assert errors == []  # no CSP violation, no script error
    finally:
        page.close()


def test_without_scripts_every_name_is_listed_and_no_box_shown(browser: Any, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + urls.people())
        assert page.locator("#people-filter").count() == 0
        assert len(_visible(page, ".people-list li a")) >= 3
        assert len(_visible(page, "nav.letters a")) >= 3
    finally:
        context.close()
