"""A cable with versions and its diff page in headless Chromium, at desktop and phone widths.

Served over HTTP under the site's Content-Security-Policy, with JavaScript off:
the version list, its folded inputs and the diff all work without it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS, SITE_CSP, checked_page, static_site
from tests.hostile.sitebuild import copy_repo_content, run_build

pytestmark = pytest.mark.browser

PAIR = ROOT / "tests" / "data" / "versions"
CABLE = "cable/2009/12/09ASTANA3001.html"
DIFF = "cable/2009/12/09ASTANA3001/v1-v2.html"
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("versions-site")
    content = root / "content"
    copy_repo_content(content)
    shutil.copytree(SEEDS, content / "cables")
    (content / "cables" / "later").mkdir()
    shutil.copy(PAIR / "09ASTANA3001.txt", content / "cables" / "09ASTANA3001.txt")
    shutil.copy(PAIR / "09ASTANA3001@later.txt", content / "cables" / "later" / "a.txt")
    shutil.copy(PAIR / "09ASTANA3001@later.txt", content / "cables" / "later" / "b.txt")
    # Another cable with the earlier text's redaction, to compare how it is drawn.
    other = (PAIR / "09ASTANA3001.txt").read_text("utf-8").replace("3001", "3002")
    (content / "cables" / "09ASTANA3002.txt").write_text(other, "utf-8")
    built = run_build(root, content, search=False)
    assert built.returncode == 0, built.stderr
    with static_site(built.output, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


def _open(browser: Any, width: int) -> Any:
    return checked_page(
        browser, viewport={"width": width, "height": 900}, java_script_enabled=False
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cable_page_lists_its_versions_and_links_the_diff(
    browser: Any, base_url: str, width: int
) -> None:
    with _open(browser, width) as page:
        page.goto(base_url + CABLE)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.get_by_role("link", name="See the versions and what changed").click()
        heading = page.locator("#versions-heading")
        assert heading.is_visible() and page.url.endswith("#versions-heading")
        items = page.locator(".version-list > li")
        assert items.count() == 2
        assert "From v1 to v2: 1 paragraph added, 1 redaction lifted" in items.nth(0).inner_text()
        more = items.nth(1).locator("details.version-more")
        assert not more.locator("li").first.is_visible()
        more.locator("summary").click()  # a <details>: opens without JavaScript
        assert more.locator("li").first.is_visible()
        page.get_by_role("link", name="Changes between v1 and the shown text").click()
        assert page.url.endswith(DIFF)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_diff_page_marks_the_lifted_redaction_as_the_cable_page_draws_one(
    browser: Any, base_url: str, width: int
) -> None:
    with _open(browser, width) as page:
        page.goto(base_url + CABLE)
        box = page.locator(".cable-body .redacted")
        assert box.count() == 0, "the shown text has the name, not the redaction"
        page.goto(base_url + DIFF)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("h1").inner_text() == "Changes from v1 to v2"
        was = page.locator(".diff-body del.diff-lifted-was .redacted")
        now = page.locator(".diff-body ins.diff-lifted")
        assert was.count() == 1 and now.count() == 1
        assert "Deputy Minister Arman Seitov," in now.inner_text()
        assert was.bounding_box()["width"] >= 40, "a redaction is drawn as a box"
        added = page.locator(".diff-body ins.diff-added")
        assert added.count() == 1 and "Nothing in this cable is real" in added.inner_text()
        style = "e => getComputedStyle(e).backgroundColor"
        assert now.evaluate(style) != added.evaluate(style), "a lift is not mere wording"
        # The key's redaction box is the cable page's: the same colour.
        key_box = page.locator(".diff-key .redacted").evaluate(style)
        page.goto(base_url + "cable/2009/12/09ASTANA3002.html")
        cable_box = page.locator(".cable-body .redacted")
        assert cable_box.count() == 1 and cable_box.evaluate(style) == key_box
