"""Reading and keeping in headless Chromium, at a desktop and a phone width.

The seeds + dev corpus build is served over HTTP under the site's strict
Content-Security-Policy, so nothing here can lean on an inline script or style;
the reading list is also opened from disk (file://), where Chromium keeps
storage for files.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_a11y import axe_violations, corpus_site, describe
from tests.conftest import SITE_CSP, static_site
from tests.hostile.sitebuild import Built

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["corpus_site"]  # the seeds + dev corpus build, a fixture shared with test_a11y

WIDTHS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ASTANA = "09ASTANA2159"


@pytest.fixture(scope="module")
def base_url(corpus_site: Built) -> Iterator[str]:
    with static_site(corpus_site.output, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


def cable_path(site: Path, cable_id: str) -> str:
    found = sorted(site.glob(f"cable/*/*/{cable_id}.html"))
    assert found, f"the build has no page for {cable_id}"
    return found[0].relative_to(site).as_posix()


def long_secret(site: Path) -> str:
    """The longest SECRET cable page: the one whose text starts furthest down on a phone.

    A plain clone builds only the seeds, none of them SECRET: then the longest page of
    any classification, whose metadata is as long as the seeds make it.
    """
    every = sorted(site.glob("cable/*/*/*.html"))
    assert every, "the build has no cable page"
    secret = [p for p in every if "banner banner-secret" in p.read_text()]
    longest = max(secret or every, key=lambda p: (p.stat().st_size, p.name))
    return longest.relative_to(site).as_posix()


@pytest.fixture(params=sorted(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def new_tab(browser: Any, width: str, **options: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=WIDTHS[width], **options)
    return context, context.new_page()


@pytest.fixture
def tab(browser: Any, width: str) -> Iterator[Any]:
    context, page = new_tab(browser, width)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, f"script errors: {errors}"


def goto(page: Any, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is None or response.ok, f"{url}: {response and response.status}"
    page.wait_for_load_state("networkidle")


def test_phone_cable_page_shows_paragraph_one_within_two_screens(
    tab: Any, base_url: str, corpus_site: Built, width: str
) -> None:
    path = long_secret(corpus_site.output)
    goto(tab, base_url + path)
    height = WIDTHS[width]["height"]
    top = tab.evaluate(
        "() => document.querySelector('.cable-body .para').getBoundingClientRect().top"
    )
    assert top < 2 * height, f"{path}: paragraph 1 starts {top}px down"
    facts = tab.locator("details.cable-facts")
    body_box = tab.locator(".cable-body").bounding_box()
    facts_box = facts.bounding_box()
    if width == "phone":
        # After the text, folded; one tap opens it.
        assert facts_box["y"] > body_box["y"] + body_box["height"] - 1
        assert not facts.evaluate("d => d.open")
        facts.locator("> summary").click()
        assert facts.evaluate("d => d.open")
    else:
        # Beside the text, open.
        assert facts_box["x"] > body_box["x"] + body_box["width"]
        assert facts.evaluate("d => d.open") and tab.locator(".cable-meta").is_visible()


def test_without_javascript_the_details_are_open_and_the_tools_hidden(
    browser: Any, base_url: str, width: str
) -> None:
    context, page = new_tab(browser, width, java_script_enabled=False)
    goto(page, base_url + "index.html")
    page.goto(base_url + "origin/ASTANA/index.html")
    heads = page.locator("table.cable-table th").all_inner_texts()
    assert [h.upper() for h in heads] == ["DATE", "ID", "SUBJECT", "CLASSIFICATION"]
    assert page.locator("table.cable-table button").count() == 0
    context.close()
    context, page = new_tab(browser, width, java_script_enabled=False)
    page.goto(base_url + "reading/index.html")
    assert page.locator("noscript").count() == 1
    context.close()


def test_save_from_cable_page_then_share_export_and_import(
    tab: Any, base_url: str, corpus_site: Built, browser: Any, width: str
) -> None:
    site = corpus_site.output
    secret = long_secret(site)
    for path in (cable_path(site, ASTANA), secret):
        goto(tab, base_url + path)
        save = tab.locator(".cable-tools button.save-cable")
        assert save.get_attribute("aria-pressed") == "false"
        save.click()
        assert save.get_attribute("aria-pressed") == "true"
    goto(tab, base_url + "reading/index.html")
    rows = tab.locator("#reading-table tbody tr")
    assert rows.count() == 2
    assert ASTANA in rows.nth(0).inner_text()
    share = tab.locator("#share-url").input_value()
    secret_id = Path(secret).stem
    assert share.endswith(f"reading/index.html#ids={ASTANA},{secret_id}")
    csv_text = downloaded(tab, "Download CSV")
    table = list(csv.reader(io.StringIO(csv_text)))
    assert table[0] == ["id", "date", "subject", "origin", "classification", "url"]
    assert [r[0] for r in table[1:]] == [ASTANA, secret_id]
    assert table[1][5] == cable_path(site, ASTANA)
    bib = downloaded(tab, "Download BibTeX")
    assert bib.count("@misc{") == 2 and f"@misc{{{ASTANA}," in bib
    # Removing one.
    tab.get_by_role("button", name=f"Remove {secret_id}").click()
    assert rows.count() == 1
    tab.get_by_role("button", name="Empty the list").click()
    assert rows.count() == 0 and "is empty" in tab.locator("#reading-status").inner_text()

    # Another browser opens the shared link and adds it to its own, empty list.
    context, other = new_tab(browser, width)
    goto(other, share)
    expect_text(other, "#import-status", "shares 2 cables")
    assert other.locator("#reading-table tbody tr").count() == 2
    assert "KAZAKHSTAN" in other.locator("#reading-table").inner_text()
    other.get_by_role("button", name="Add these cables to my reading list").click()
    assert "2 cables in your reading list" in other.locator("#reading-status").inner_text()
    assert other.evaluate("() => location.hash") == ""
    context.close()


def downloaded(page: Any, link: str) -> str:
    with page.expect_download() as download:
        page.get_by_role("link", name=link).click()
    suffix = ".csv" if "CSV" in link else ".bib"
    assert download.value.suggested_filename == f"cable-archive-reading-list{suffix}"
    return Path(download.value.path()).read_text("utf-8")


def expect_text(page: Any, selector: str, text: str) -> None:
    page.wait_for_function(
        "([s, t]) => (document.querySelector(s) || {}).textContent.includes(t)",
        arg=[selector, text],
    )


def test_save_from_search_results(tab: Any, base_url: str) -> None:
    goto(tab, base_url + "search/index.html?q=astana")
    tab.wait_for_selector("#results .result button.save-cable")
    first = tab.locator("#results .result").first
    cable_id = first.locator(".result-id").inner_text()
    first.locator("button.save-cable").click()
    goto(tab, base_url + "reading/index.html")
    row = tab.locator("#reading-table tbody tr")
    assert row.count() == 1 and cable_id in row.inner_text()
    href = row.locator(".c-id a").get_attribute("href")
    assert re.search(rf"/cable/[0-9/]+/{cable_id}\.html$", href), href
    goto(tab, href)
    assert tab.locator("h1#subject").is_visible()


def test_reading_list_works_from_disk_in_chromium(tab: Any, corpus_site: Built) -> None:
    site = corpus_site.output
    goto(tab, (site / cable_path(site, ASTANA)).as_uri())
    tab.locator(".cable-tools button.save-cable").click()
    goto(tab, (site / "reading" / "index.html").as_uri())
    assert tab.locator("#reading-storage").is_hidden()
    assert tab.locator("#reading-table tbody tr").count() == 1
    # A shared link opened from disk resolves its IDs through the offline lookup.
    tab.goto((site / "reading" / "index.html").as_uri() + f"#ids={ASTANA}")
    tab.reload()
    expect_text(tab, "#import-status", "shares 1 cable")


NO_STORAGE = """Object.defineProperty(window, 'localStorage', {
  get() { throw new DOMException('no storage for files', 'SecurityError'); }
});"""


def test_where_storage_is_refused_the_page_says_so(browser: Any, base_url: str, width: str) -> None:
    context, page = new_tab(browser, width)
    page.add_init_script(NO_STORAGE)
    goto(page, base_url + "reading/index.html")
    notice = page.locator("#reading-storage")
    assert notice.is_visible() and "keeps no storage" in notice.inner_text()
    goto(page, base_url + "index.html")
    assert page.locator("button.theme-toggle").is_visible()  # the toggle still works for the page
    context.close()


def test_citation_copies_and_names_the_path_without_base_url(
    browser: Any, base_url: str, corpus_site: Built, width: str
) -> None:
    context, page = new_tab(browser, width)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    path = cable_path(corpus_site.output, ASTANA)
    goto(page, base_url + path)
    assert page.locator("#cite-url").input_value() == path
    assert "Set base_url in cablegen.toml" in page.locator(".cite").inner_text()
    page.get_by_role("button", name="Copy BibTeX").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(f"@misc{{{ASTANA},") and copied.rstrip().endswith("}")
    page.get_by_role("button", name="Copy link").click()
    assert page.evaluate("() => navigator.clipboard.readText()") == path
    context.close()


def test_match_navigation_with_buttons_and_n_keys(
    tab: Any, base_url: str, corpus_site: Built
) -> None:
    path = cable_path(corpus_site.output, ASTANA)
    goto(tab, base_url + path + "?highlight=civil")
    nav = tab.locator(".match-nav")
    nav.wait_for(state="visible")
    count = tab.locator(".cable-body mark.pagefind-highlight").count()
    assert count >= 2
    assert nav.locator(".match-count").inner_text() == f"{count} matches"
    current = (
        "() => [...document.querySelectorAll('.cable-body mark.pagefind-highlight')]"
        ".findIndex(m => m.classList.contains('match-current'))"
    )
    tab.keyboard.press("n")
    assert tab.evaluate(current) == 0
    tab.keyboard.press("n")
    assert tab.evaluate(current) == 1
    tab.keyboard.press("Shift+N")
    assert tab.evaluate(current) == 0
    tab.get_by_role("button", name="Previous match").click()
    assert tab.evaluate(current) == count - 1
    assert nav.locator(".match-count").inner_text() == f"Match {count} of {count}"
    box = tab.locator("mark.match-current").bounding_box()
    assert 0 <= box["y"] <= tab.viewport_size["height"]


def test_keys_search_paragraphs_and_help(tab: Any, base_url: str, corpus_site: Built) -> None:
    goto(tab, base_url + long_secret(corpus_site.output))
    tab.keyboard.press("/")
    assert tab.evaluate("() => document.activeElement.id") == "site-q"
    tab.keyboard.type("j")  # typed into the box, not a key command
    assert tab.locator("#site-q").input_value() == "j"
    tab.locator("h1").click()
    ids = "() => document.activeElement.id"
    tab.keyboard.press("j")
    first = tab.evaluate(ids)
    tab.keyboard.press("j")
    second = tab.evaluate(ids)
    assert first and second and first != second
    tab.keyboard.press("k")
    assert tab.evaluate(ids) == first
    tab.keyboard.press("?")
    dialog = tab.get_by_role("dialog", name="Keyboard shortcuts")
    assert dialog.is_visible() and "Next paragraph" in dialog.inner_text()
    tab.keyboard.press("Escape")
    assert not dialog.is_visible()
    tab.locator("button.keys-button").click()
    assert dialog.is_visible()


def background(page: Any) -> str:
    return str(page.evaluate("() => getComputedStyle(document.body).backgroundColor"))


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(
    browser: Any, base_url: str, width: str
) -> None:
    context, page = new_tab(browser, width, color_scheme="dark")
    goto(page, base_url + "index.html")
    assert background(page) != "rgb(255, 255, 255)"
    toggle = page.locator("button.theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert background(page) == "rgb(255, 255, 255)"
    goto(page, base_url + "dates/index.html")
    assert background(page) == "rgb(255, 255, 255)"
    assert page.locator("button.theme-toggle").get_attribute("aria-pressed") == "false"
    context.close()
    context, page = new_tab(browser, width, color_scheme="light")
    goto(page, base_url + "index.html")
    assert background(page) == "rgb(255, 255, 255)"
    page.locator("button.theme-toggle").click()
    goto(page, base_url + "tags/index.html")
    assert background(page) != "rgb(255, 255, 255)"
    context.close()


def test_favicon_is_served(tab: Any, base_url: str) -> None:
    goto(tab, base_url + "index.html")
    href = tab.evaluate("() => document.querySelector('link[rel=icon]').href")
    response = tab.request.get(href)
    assert response.ok and b"<svg" in response.body()


def test_whole_row_is_a_link_and_columns_sort(tab: Any, base_url: str, width: str) -> None:
    goto(tab, base_url + "tag/PGOV/index.html")
    rows = tab.locator("table.cable-table tbody tr")
    dates = (
        "() => [...document.querySelectorAll('table.cable-table tbody .c-date')]"
        ".map(c => c.textContent)"
    )
    built = tab.evaluate(dates)
    assert built == sorted(built, reverse=True)  # newest first, as built
    tab.get_by_role("button", name="Date").click()
    assert tab.evaluate(dates) == sorted(built)
    assert tab.locator("th[aria-sort=ascending]").inner_text().upper().startswith("DATE")
    tab.get_by_role("button", name="Date").click()
    assert tab.evaluate(dates) == sorted(built, reverse=True)
    tab.get_by_role("button", name="ID").click()
    ids = rows.locator(".c-id").all_inner_texts()
    assert ids == sorted(
        ids, key=lambda s: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]
    )
    # A click on the subject, away from the ID, opens the cable.
    target = rows.first.locator(".c-id a").get_attribute("href")
    rows.first.locator(".c-subject").click(force=True)  # the ID's link covers the row
    tab.wait_for_load_state("load")
    assert tab.url.endswith(target.lstrip("./").split("/", 2)[-1])
    # The origin's own link still goes to the origin.
    tab.go_back()
    tab.locator("table.cable-table tbody tr .c-origin a").first.click()
    tab.wait_for_load_state("load")
    assert "/origin/" in tab.url


def test_dates_page_lists_only_years_with_dated_cables(tab: Any, base_url: str) -> None:
    goto(tab, base_url + "dates/index.html")
    for year in tab.locator("section.year").all():
        assert year.locator(".months a").count() > 0, year.inner_text()


CHANGED = {
    "home": "index.html",
    "tag": "tag/PGOV/index.html",
    "origin": "origin/ASTANA/index.html",
    "dates": "dates/index.html",
    "reading": "reading/index.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_changed_pages_have_no_serious_axe_issue_in_either_mode(
    browser: Any, base_url: str, corpus_site: Built, scheme: str, width: str
) -> None:
    site = corpus_site.output
    pages = dict(
        CHANGED, cable=long_secret(site), astana=cable_path(site, ASTANA) + "?highlight=civil"
    )
    # axe-core is injected as a script of the test's own: the policy would refuse it.
    context, page = new_tab(browser, width, color_scheme=scheme, bypass_csp=True)
    goto(page, base_url + pages["astana"].split("?")[0])
    page.locator(".cable-tools button.save-cable").click()  # so the reading list has rows
    found = {}
    for kind, path in pages.items():
        goto(page, base_url + path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = axe_violations(page)
        if violations:
            found[kind] = describe(violations)
    context.close()
    assert not found, found
