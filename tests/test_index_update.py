"""update_index: a live site's search index brought up to date, byte for byte a cold build's."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.corpus.link import CableMeta, link
from generator.search import index
from tests.search_fixtures import fake_meta, page_html, sample_pages, write_site

pytestmark = pytest.mark.slow

CAP = 3


def _tree(site: Path) -> dict[str, bytes]:
    """Every file of the index and the search folder, by site path."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for folder in ("pagefind", "search")
        for p in sorted((site / folder).rglob("*"))
        if p.is_file()
    }


def _cold(tmp_path: Path, name: str, pages: list[tuple[CableMeta, str]]) -> dict[str, bytes]:
    """The index a cold build writes for `pages` into an empty site with an empty cache."""
    site = tmp_path / name / "site"
    corpus = write_site(site, pages)
    config = SiteConfig(cache=tmp_path / name / "cache", output=site, jobs=2)
    index.build_index(config, site, corpus, cap=CAP)
    return _tree(site)


class Live:
    """A served site, indexed once by a cold build, then kept up to date page by page."""

    def __init__(self, root: Path, pages: list[tuple[CableMeta, str]]) -> None:
        self.site = root / "site"
        self.config = SiteConfig(cache=root / "cache", output=self.site, jobs=2)
        self.pages = {m.id: (m, body) for m, body in pages}
        self.corpus = write_site(self.site, pages)
        index.build_index(self.config, self.site, self.corpus, cap=CAP)

    def put(self, m: CableMeta, body: str) -> None:
        """Render one cable's page into the live site, as a rebuild after an edit does."""
        self.pages[m.id] = (m, body)
        target = self.site / m.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_html(m, body), "utf-8")

    def remove(self, cid: str) -> None:
        m, _ = self.pages.pop(cid)
        (self.site / m.path).unlink()

    def update(self, *changed: str) -> index.IndexReport:
        self.corpus = link(m for m, _ in self.pages.values())
        return index.update_index(self.config, self.site, self.corpus, changed, cap=CAP)

    def holders(self, *cids: str) -> tuple[str, ...]:
        return tuple(s.name for s in index.plan(self.corpus, CAP) if set(cids) & set(s.ids))


def _inode(site: Path, shard: str) -> int:
    return (site / "pagefind" / shard / "pagefind-entry.json").stat().st_ino


def test_an_edited_body_rebuilds_its_shard_alone_and_equals_a_cold_build(tmp_path):
    live = Live(tmp_path / "live", sample_pages())
    shards = index.plan(live.corpus, CAP)
    before = {s.name: _inode(live.site, s.name) for s in shards}
    listing = (live.site / index.SHARDS_SCRIPT).stat()
    m, _ = live.pages["08ALMATY300"]
    live.put(m, "pipeline tariffs renegotiated under protest")
    report = live.update("08ALMATY300")
    holder = live.holders("08ALMATY300")
    assert report.built == holder and set(report.reused) == {s.name for s in shards} - set(holder)
    after = {s.name: _inode(live.site, s.name) for s in shards}
    assert [n for n in before if before[n] != after[n]] == list(holder)
    # The shard list did not change, so its file was not rewritten.
    assert (live.site / index.SHARDS_SCRIPT).stat().st_mtime_ns == listing.st_mtime_ns
    assert _tree(live.site) == _cold(tmp_path, "cold", list(live.pages.values()))
    assert not [p.name for p in (live.site / "pagefind").iterdir() if p.name.startswith(".")]


def test_unchanged_shards_are_taken_on_the_manifests_word(tmp_path):
    """Pages of shards without a changed cable are not read: a changed page there goes unseen."""
    live = Live(tmp_path / "live", sample_pages())
    m, _ = live.pages["06ASTANA100"]
    live.put(m, "an edit the caller did not report")
    assert live.update().built == ()


def test_a_changed_cable_whose_page_came_out_the_same_costs_no_index(tmp_path):
    live = Live(tmp_path / "live", sample_pages())
    m, body = live.pages["09STATE400"]
    live.put(m, body)  # drawn again, the same bytes
    report = live.update("09STATE400")
    assert report.built == () and len(report.reused) == len(report.shards)


def test_added_moved_and_removed_cables_equal_a_cold_build(tmp_path):
    live = Live(tmp_path / "live", sample_pages())
    # A new cable in May 2007 shifts every later shard boundary.
    live.put(fake_meta("07ASTANA202", "2007-05-25T09:00:00Z", "Recount ordered"), "recount")
    report = live.update("07ASTANA202")
    assert _tree(live.site) == _cold(tmp_path, "cold1", list(live.pages.values()))
    assert set(report.shards) == {s.name for s in index.plan(live.corpus, CAP)}

    # A cable re-dated to another month moves to another shard (and its page path changes).
    old, body = live.pages["09STATE400"]
    live.remove("09STATE400")
    live.put(fake_meta("09STATE400", "2006-01-05T00:00:00Z", old.subject), body)
    live.update("09STATE400")
    assert _tree(live.site) == _cold(tmp_path, "cold2", list(live.pages.values()))

    # Removed cables leave the index, and a shard left with no cable leaves the site.
    for cid in ("09ASTANA2159", "09STATE401"):
        live.remove(cid)
    report = live.update("09ASTANA2159", "09STATE401")
    assert _tree(live.site) == _cold(tmp_path, "cold3", list(live.pages.values()))
    names = {p.name for p in (live.site / "pagefind").iterdir() if p.is_dir()}
    assert names == {*report.shards, "_shards"}
    assert not (live.site / "search" / "lookup" / "ids" / "09A.js").exists()


def test_a_missing_or_stale_manifest_rebuilds_every_shard(tmp_path):
    live = Live(tmp_path / "live", sample_pages())
    (live.config.cache / "search" / "manifest.json").write_text('{"shards": {"x": "old"}}')
    report = live.update()
    assert report.built == report.shards and report.reused == ()
    assert _tree(live.site) == _cold(tmp_path, "cold", list(live.pages.values()))


def test_an_interrupted_update_is_finished_by_the_next(tmp_path):
    """A run killed half-way leaves a shard swapped out, half-written files and folders."""
    live = Live(tmp_path / "live", sample_pages())
    holder = live.holders("08ALMATY300")[0]
    out = live.site / "pagefind"
    (out / holder).rename(out / f".old-{holder}")
    (out / f".new-{holder}").mkdir()
    (live.site / "search" / ".shards.js.99.tmp").write_text("half")
    (live.config.cache / "search" / f"{holder}.tmp-99").mkdir()
    m, _ = live.pages["08ALMATY300"]
    live.put(m, "pipeline tariffs renegotiated")
    report = live.update("08ALMATY300")
    assert report.built == (holder,)
    assert _tree(live.site) == _cold(tmp_path, "cold", list(live.pages.values()))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*report.shards, "_shards", "pagefind-highlight.js"]
    )
    assert sorted(p.name for p in (live.config.cache / "search").iterdir()) == sorted(
        [*report.shards, "manifest.json", "_shards", "_shards.key", "_terms"]
    )
