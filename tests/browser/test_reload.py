"""Live reload in headless Chromium: an edit reloads the open page; errors show an overlay."""

from __future__ import annotations

import pytest

from tests.test_serve_live import Live, first_cable_page, live  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT_MS = 30_000


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, errors


def url(app: Live, path: str = "") -> str:
    host, port = app.server.server_address[:2]
    return f"http://{host}:{port}/{path}"


def test_page_reloads_after_a_cable_edit(live: Live, page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    site = live.root / "site"
    target = first_cable_page(site)
    page.goto(url(live, target.relative_to(site).as_posix()))
    page.evaluate("window.__beforeReload = true")
    from generator.commands.build import parse_paths

    cables = live.root / "content" / "cables"
    source = next(
        cables / o.path
        for o in parse_paths(cables)
        if o.cable is not None and o.cable.id == target.stem
    )
    text = source.read_text("utf-8")
    subject = next(line for line in text.splitlines() if "SUBJECT" in line)
    source.write_text(text.replace(subject, subject + " KINGFISHER"), "utf-8")
    # A reload wipes the flag; the new page shows the edit and the new build number.
    page.wait_for_function("window.__beforeReload === undefined", timeout=WAIT_MS)
    page.wait_for_load_state()
    assert "KINGFISHER" in page.content()
    script = page.locator('script[src="/__cablegen/livereload.js"]')
    assert script.get_attribute("data-build") == "2"


def test_failed_build_shows_an_overlay_and_keeps_the_page(live: Live, page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(url(live))
    page.evaluate("window.__beforeReload = true")
    # No need to wait for the page's event stream: on connecting it is sent the latest
    # build, so the overlay appears however the page and the build interleave.
    base = live.root / "templates" / "base.html"
    base.write_text(base.read_text("utf-8") + "\n{% if %}\n", "utf-8")
    overlay = page.locator("#cablegen-overlay")
    overlay.wait_for(timeout=WAIT_MS)
    assert "failed" in overlay.inner_text()
    assert "base.html" in overlay.inner_text()
    assert page.evaluate("window.__beforeReload") is True
    page.locator("#cablegen-overlay button").click()
    assert overlay.count() == 0


def test_overlay_shows_error_text_as_text(live: Live, page) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(url(live))
    name = "<img src=x onerror=window.__pwned=1>.txt"
    (live.root / "content" / "cables" / name).write_text("not a cable\n", "utf-8")
    # The build succeeds without the bad file: the page reloads, then shows the overlay.
    overlay = page.locator("#cablegen-overlay")
    overlay.wait_for(timeout=WAIT_MS)
    assert "<img src=x onerror=window.__pwned=1>" in overlay.inner_text()
    assert page.locator("#cablegen-overlay img").count() == 0
    assert page.evaluate("window.__pwned") is None
