"""The search page opens only the shards a query needs, and finds what all of them would.

The seed cables are built one month per shard (five shards), so which shard
folders a query fetches from says what it opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.seed_site import seed_site
from tests.conftest import SITE_CSP, checked_page, result_ids, static_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# What a shard's index is read from (not the runtime, which comes from the first shard).
SHARD = re.compile(
    r"/pagefind/([^/]+)/(?:index/|filter/|fragment/|pagefind-entry\.json|pagefind\.[^/]*\.pf_meta)"
)
# All shards merged into one Pagefind instance, as the page did before the
# directory: the cables holding every word of `words` whole (each asked quoted).
MERGED = """async (words) => {
  var names = self.cablegenData.shards;
  var base = new URL("../pagefind/", location.href).href;
  var pf = await import(base + names[0] + "/pagefind.js");
  for (var i = 1; i < names.length; i++) await pf.mergeIndex(base + names[i] + "/");
  var keep = null;
  for (var w of words) {
    var res = await pf.search('"' + w + '"');
    var data = await Promise.all(res.results.map(function (r) { return r.data(); }));
    var ids = data.map(function (d) { return d.meta.id; });
    keep = keep ? keep.filter(function (id) { return ids.includes(id); }) : ids;
  }
  return keep.sort();
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_site(tmp_path_factory.mktemp("shards-site"), 1)


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with static_site(site, {"Content-Security-Policy": SITE_CSP}) as url:
        yield url


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    with checked_page(browser, viewport={"width": 390, "height": 844}) as pg:
        yield pg


def _shards(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "pagefind").iterdir() if p.is_dir() and p.name[0] != "_")


def _open(pg, base_url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Search `query` (URL parameters) in a fresh page; the shard folders it fetched from."""
    folders: list[str] = []

    def seen(url: str) -> None:
        m = SHARD.search(url)
        if m:
            folders.append(m.group(1))

    pg.on("request", lambda r: seen(r.url))
    pg.goto(base_url + "search/index.html?" + query)
    expect(pg.locator(".search-page")).to_have_attribute("data-search", "done")
    pg.wait_for_load_state("networkidle")
    return folders


def test_the_site_has_five_shards_and_a_directory(site):
    assert len(_shards(site)) == 5
    assert (site / "pagefind" / "_shards" / "pagefind-entry.json").is_file()


def test_a_rare_word_opens_only_its_shard(page, base_url):
    folders = _open(page, base_url, "q=trajectory")
    assert result_ids(page) == ["09ASTANA1327"]
    assert set(folders) == {"_shards", "2009-08"}, folders


def test_the_runtime_is_downloaded_once(page, base_url):
    runtime: list[str] = []
    page.on(
        "request",
        lambda r: (
            runtime.append(r.url) if re.search(r"wasm\.|pagefind\.js$|worker", r.url) else None
        ),
    )
    _open(page, base_url, "q=kazakhstan")
    assert len([u for u in runtime if "wasm." in u]) == 1, runtime
    assert len([u for u in runtime if u.endswith("/pagefind.js")]) == 1, runtime
    assert not [u for u in runtime if "worker" in u], runtime


@pytest.mark.parametrize(
    "query", ["kazakhstan", "trajectory", "human rights", "civil society", "astana", "ngo"]
)
def test_results_are_those_of_all_shards_merged(page, base_url, query):
    """The whole matches; a word found nowhere in a shard is matched there by a
    shorter start of it, which the directory (knowing the word elsewhere) skips."""
    _open(page, base_url, "q=" + query.replace(" ", "+"))
    merged = page.evaluate(MERGED, query.split())
    assert sorted(result_ids(page)) == merged


@pytest.mark.parametrize("sort", ["old", "new"])
def test_date_order_crosses_shards(page, base_url, sort):
    _open(page, base_url, f"q=kazakhstan&sort={sort}")
    chronological = ["05ALMATY3450", "09ASTANA436", "09ASTANA778", "09ASTANA1327", "09ASTANA2159"]
    assert result_ids(page) == (chronological if sort == "old" else chronological[::-1])


def test_a_filter_opens_only_the_shards_holding_its_value(page, base_url):
    # 05ALMATY3450, the one cable of 2005, has no month in its metadata: shard "undated".
    folders = _open(page, base_url, "q=kazakhstan&year=2005")
    assert result_ids(page) == ["05ALMATY3450"]
    assert set(folders) == {"_shards", "undated"}, folders
