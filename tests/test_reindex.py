"""Search index after an in-place update: at once, in the background, or on the next build.

Each test edits a cable of a small site built with search, brings the site up
to date one way, and compares the whole site, Pagefind index included, with a
cold build of the edited content.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import config
from generator.commands import build
from generator.corpus.link import Corpus
from generator.incremental import reindex
from tests.conftest import ROOT, SEEDS, dev_cable_files
from tests.test_incremental import assert_same_tree

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path) -> Path:
    cables = tmp_path / "content" / "cables"
    cables.mkdir(parents=True)
    for path in [*sorted(SEEDS.glob("*.txt")), *dev_cable_files()[:6]]:
        shutil.copy(path, cables / path.name)
    shutil.copytree(ROOT / "content" / "pages", tmp_path / "content" / "pages")
    return tmp_path


def cfg(root: Path, output: str = "site", cache: str = "cache") -> config.SiteConfig:
    overrides = {
        "content": root / "content",
        "output": root / output,
        "cache": root / cache,
        "templates": ROOT / "templates",
        "static": ROOT / "static",
    }
    return config.load(overrides=overrides, root=root)


def edit(root: Path) -> None:
    path = sorted((root / "content" / "cables").iterdir())[2]
    text = path.read_text("utf-8")
    cut = text.index(". ", len(text) // 2) + 2
    path.write_text(text[:cut] + "Quokka sightings rose sharply. " + text[cut:], "utf-8")


def cold_matches(root: Path) -> None:
    build.build(cfg(root, "cold", "cold-cache"), jobs=1)
    assert_same_tree(root / "site", root / "cold")


def test_a_build_indexes_the_changed_shard_before_it_returns(project: Path) -> None:
    build.build(cfg(project), jobs=1)
    edit(project)
    build.build(cfg(project), jobs=1)
    assert not reindex.pending(cfg(project))
    cold_matches(project)


def test_the_preview_indexes_in_the_background_after_the_pages(project: Path) -> None:
    build.build(cfg(project), jobs=1)
    edit(project)
    order: list[str] = []
    background = reindex.Background(lambda n: order.append("indexed"))
    try:
        build.build(
            cfg(project),
            jobs=1,
            published=lambda skipped: order.append("published"),
            index_later=background.submit,
        )
        assert reindex.pending(cfg(project)), "nothing was left for the background job"
        assert background.wait_idle(300), "the background index never finished"
    finally:
        background.stop()
    assert order == ["published", "indexed"]
    assert not reindex.pending(cfg(project))
    cold_matches(project)


def test_index_work_left_pending_is_done_by_the_next_build(project: Path) -> None:
    build.build(cfg(project), jobs=1)
    edit(project)
    dropped: list[Corpus] = []
    build.build(cfg(project), jobs=1, index_later=lambda c, corpus: dropped.append(corpus))
    assert dropped and reindex.pending(cfg(project))
    # Nothing changed since, yet this build is not a no-op: the index is behind.
    build.build(cfg(project), jobs=1)
    assert not reindex.pending(cfg(project))
    cold_matches(project)
