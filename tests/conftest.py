"""Shared fixtures.

The real dev cables are not ours to commit; tests that use them read the shared
corpus beside the checkout when it is there (CI has it) and skip otherwise.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "cables"
DEV_CORPUS = Path(os.environ.get("CABLEGEN_DEV_CORPUS", ROOT.parent / "shared" / "corpus" / "dev"))
DEV_VARIANTS = DEV_CORPUS.parent / "dev_variants"
DEV_HTML = DEV_CORPUS.parent / "dev_html"
"""The dev cables as the 2010 WikiLeaks site's cable pages."""
DEV_CSV = DEV_CORPUS.parent / "dev_cables.csv"
"""The dev cables as cables.csv rows."""


def dev_cable_files() -> list[Path]:
    """The dev corpus's cable texts, or [] when the corpus is not beside this checkout."""
    if not DEV_CORPUS.is_dir():
        return []
    return sorted(DEV_CORPUS.glob("*.txt"))


def dev_variant_files() -> list[Path]:
    """Earlier published texts of some dev cables (ID@rev.txt), or [] when absent."""
    if not DEV_VARIANTS.is_dir():
        return []
    return sorted(DEV_VARIANTS.glob("*.txt"))


@functools.cache
def synthetic_cables(count: int) -> list[Path]:
    """`count` synthetic cables from bench.synth, written once per test process.

    For the tests that need more cables than the five seeds but no particular
    ones: they run on real cables when the dev corpus is here and on these on a
    plain clone, instead of skipping there.
    """
    from bench import synth

    folder = Path(tempfile.mkdtemp(prefix="cablegen-synth-"))
    synth.generate(count, folder, seed=7, jobs=1)
    return sorted(folder.glob("*.txt"))


def some_cables(count: int) -> list[Path]:
    """Up to `count` dev cables when the corpus is here, else `count` synthetic ones."""
    return dev_cable_files()[:count] or synthetic_cables(count)


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir():
        pytest.skip(
            f"dev corpus not found at {DEV_CORPUS} (set CABLEGEN_DEV_CORPUS to its folder); "
            "the real cables are not shipped with cablegen"
        )
    return DEV_CORPUS


@pytest.fixture(scope="session")
def dev_release() -> tuple[Path, Path]:
    """(dev_html folder, dev_cables.csv): the dev cables in the release's two shapes."""
    if not (DEV_HTML.is_dir() and DEV_CSV.is_file()):
        pytest.skip(
            f"dev release shapes not found at {DEV_HTML} and {DEV_CSV} (they sit beside the "
            "dev corpus; set CABLEGEN_DEV_CORPUS); the real cables are not shipped with cablegen"
        )
    return DEV_HTML, DEV_CSV


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out, and this
# project's CI has no network beyond the package registries.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium driven by Playwright; no browser is ever downloaded.

    A missing Chromium fails rather than skips: `make check` installs it, and a
    browser test that quietly skips proves nothing.
    """
    assert CHROMIUM.exists(), "Debian chromium is missing; run scripts/install-test-deps"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@contextlib.contextmanager
def static_site(folder: Path, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `folder` over real HTTP on an ephemeral loopback port; yields its base URL.

    `headers` are added to every response (e.g. the CSP the site is deployed with).
    """
    extra = dict(headers or {})

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# The policy the published site is held to: no inline script or style anywhere;
# Pagefind needs only to compile its WebAssembly and start its worker.
SITE_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'"
)


@contextlib.contextmanager
def checked_page(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh browser context; fails if a script threw or the CSP refused anything."""
    context = browser.new_context(**options)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield pg
    context.close()
    assert not errors, errors


def result_ids(pg: Any) -> list[str]:
    """The cable IDs of the search results on show, in order."""
    return list(pg.locator("#results .result-id").all_inner_texts())
