"""The index stage: shard planning, the real Pagefind build, reuse of unchanged shards."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.config import SiteConfig
from generator.search import index, lookup
from tests.search_fixtures import fake_meta, sample_pages, write_site


def test_plan_is_contiguous_bounded_and_cut_at_months():
    from generator.corpus.link import link

    metas = [m for m, _ in sample_pages()]
    corpus = link(metas)
    shards = index.plan(corpus, cap=3)
    flat = [cid for s in shards for cid in s.ids]
    assert flat == list(corpus.order)
    assert all(1 <= len(s.ids) <= 3 for s in shards)
    assert len({s.name for s in shards}) == len(shards)
    # The two May 2007 cables share a month: they are never split across shards.
    holder = [s for s in shards if "07ASTANA200" in s.ids][0]
    assert "07ASTANA201" in holder.ids
    assert shards[0].name == "undated"


def test_plan_splits_a_month_larger_than_the_cap():
    from generator.corpus.link import link

    metas = [fake_meta(f"09STATE{i}", f"2009-12-{i + 1:02d}T00:00:00Z", "s") for i in range(7)]
    shards = index.plan(link(metas), cap=3)
    assert [s.name for s in shards] == ["2009-12", "2009-12-2", "2009-12-3"]
    assert [len(s.ids) for s in shards] == [3, 3, 1]


def _entry(site: Path, shard: str) -> dict:
    return json.loads((site / "pagefind" / shard / "pagefind-entry.json").read_text())


def _config(tmp_path: Path) -> SiteConfig:
    return SiteConfig(cache=tmp_path / "cache", output=tmp_path / "site", jobs=2)


@pytest.mark.slow
def test_build_index_shards_and_reuses_unchanged(tmp_path):
    site = tmp_path / "site"
    pages = sample_pages()
    corpus = write_site(site, pages)
    config = _config(tmp_path)
    report = index.build_index(config, site, corpus, cap=3)
    assert report.pages == len(pages)
    assert report.built == report.shards and not report.reused and not report.warnings
    total = 0
    for name in report.shards:
        entry = _entry(site, name)
        total += entry["languages"]["en"]["page_count"]
        assert not (site / "pagefind" / name / "pagefind-ui.js").exists()
    assert total == len(pages)
    assert (site / "pagefind" / "pagefind-highlight.js").is_file()
    listing = (site / index.SHARDS_SCRIPT).read_text()
    assert json.dumps(list(report.shards), separators=(",", ":")) in listing

    again = index.build_index(config, site, corpus, cap=3)
    assert again.built == () and again.reused == report.shards

    # One page changes: only the shard holding it is indexed again.
    changed = site / corpus.cables["08ALMATY300"].path
    changed.write_text(changed.read_text().replace("pipeline tariffs", "new words"))
    third = index.build_index(config, site, corpus, cap=3)
    holder = [s.name for s in index.plan(corpus, cap=3) if "08ALMATY300" in s.ids]
    assert third.built == tuple(holder)
    assert set(third.reused) == set(report.shards) - set(holder)


@pytest.mark.slow
def test_missing_page_is_reported_not_fatal(tmp_path):
    site = tmp_path / "site"
    pages = sample_pages()
    corpus = write_site(site, pages)
    (site / corpus.cables["07ASTANA200"].path).unlink()
    report = index.build_index(_config(tmp_path), site, corpus, cap=100)
    assert any("07ASTANA200" in w and "not searchable" in w for w in report.warnings)
    assert _entry(site, report.shards[0])["languages"]["en"]["page_count"] == len(pages) - 1


def _load(script: str) -> tuple[str, object]:
    m = re.fullmatch(
        r'\(self\.cablegenData=self\.cablegenData\|\|\{\}\)\["([^"]+)"\]=(.*);\n', script
    )
    assert m, script[:80]
    return m.group(1), json.loads(m.group(2))


def test_lookup_files_map_ids_and_subjects():
    from generator.corpus.link import link

    pages = sample_pages()
    corpus = link(m for m, _ in pages)
    files = lookup.lookup_files(corpus)
    key, ids = _load(files["search/lookup/ids/09A.js"])
    assert key == "ids/09A" and ids == {"09ASTANA2159": "2009/12"}
    assert _load(files["search/lookup/ids/09S.js"])[1] == {
        "09STATE400": "2009/12",
        "09STATE401": "undated",
    }
    _, idx = _load(files["search/lookup/index.js"])
    assert idx["count"] == len(pages)
    assert idx["subjects"][0][0] == "2009" and idx["subjects"][-1][0] == "undated"
    stem = idx["subjects"][0][1]
    _, rows = _load(files[f"search/lookup/subjects/{stem}.js"])
    assert [
        "09ASTANA2159",
        "2009/12",
        "2009-12-18",
        "ASTANA",
        "Human rights activist sentenced",
    ] in rows
    assert lookup.normal_id(" 09 astana\t2159 ") == "09ASTANA2159"
    assert lookup.id_key("09 astana 2159") == "09A"
    assert lookup.id_key("") == "_"


def test_lookup_script_cannot_close_a_script_element():
    text = lookup.script("k", ["</script><b>"])
    assert "</script" not in text
    assert _load(text)[1] == ["</script><b>"]


def test_subject_parts_are_bounded(monkeypatch):
    from generator.corpus.link import link

    monkeypatch.setattr(lookup, "SUBJECT_PART", 2)
    metas = [fake_meta(f"09STATE{i}", f"2009-01-{i + 1:02d}T00:00:00Z", f"s{i}") for i in range(5)]
    files = lookup.lookup_files(link(metas))
    parts = sorted(k for k in files if "/subjects/" in k)
    assert parts == [f"search/lookup/subjects/2009-{n}.js" for n in (1, 2, 3)]
    assert sum(len(_load(files[p])[1]) for p in parts) == 5


@pytest.mark.slow
def test_a_rebuild_reindexes_only_the_shard_whose_cable_changed(tmp_path, monkeypatch):
    """Through the whole build: the build cache must leave the shard cache alone."""
    import shutil

    from generator.commands.build import build

    root = Path(__file__).resolve().parent.parent
    content = tmp_path / "content"
    shutil.copytree(root / "content" / "cables", content / "cables")
    config = SiteConfig(
        content=content,
        output=tmp_path / "site",
        cache=tmp_path / "cache",
        templates=root / "templates",
        static=root / "static",
    )
    monkeypatch.setattr(index, "SHARD_CAP", 2)
    build(config)
    store = config.cache / "search"
    # The shard directory and the shards' terms sit beside the shards ("_" names).
    shards = sorted(p.name for p in store.iterdir() if p.is_dir() and p.name[0] != "_")
    assert len(shards) == 3

    def inodes() -> dict[str, int]:
        return {s: (store / s / "pagefind-entry.json").stat().st_ino for s in shards}

    first = inodes()
    # 09ASTANA1327 (August 2009) changes; its shard alone is indexed again.
    cable = next(p for p in (content / "cables").iterdir() if "TRAJECTORY" in p.read_text())
    cable.write_text(cable.read_text().replace("shortfalls", "setbacks"))
    build(config)
    second = inodes()
    changed = [s for s in shards if first[s] != second[s]]
    assert len(changed) == 1
    holder = (config.output / "search" / "shards.js").read_text()
    assert all(s in holder for s in shards)
