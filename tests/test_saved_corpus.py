"""The Corpus indexes a build keeps for the next process, and when they are not used.

A fresh `cablegen build` that patches the live site reads the indexes of the
Corpus that site was built from instead of linking every cable again. They must
equal what linking gives, and be refused when they belong to another site or to
other cables (tests/test_incremental.py checks the updated sites byte for byte).
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from generator import config
from generator.commands import build
from generator.corpus import link
from generator.incremental import cache as incremental
from generator.output.write import site_stamp
from generator.pipeline.tally import Tally
from tests.test_incremental import project, run

__all__ = ["project"]

pytestmark = pytest.mark.slow


def _kept(root: Path) -> tuple[incremental.Store, object, list[link.CableMeta]]:
    cfg = config.load(root / "cablegen.toml", {"output": root / "site", "cache": root / "cache"})
    store = incremental.Store(cfg)
    site = site_stamp(cfg.output)
    store.previous_build("", site)
    tally = Tally()
    for state in store.files.values():
        if state.parsed.meta is not None:
            tally.add(state.parsed)
    return store, site, tally.metas


def test_kept_indexes_equal_a_fresh_link(project: Path) -> None:
    run(project, "site", "cache")
    store, site, metas = _kept(project)
    kept = store.saved_corpus(site, metas)
    assert kept is not None
    linked = link.link(metas)
    for f in fields(link.Corpus):
        assert getattr(kept, f.name) == getattr(linked, f.name), f.name


def test_kept_indexes_of_another_site_or_other_cables_are_refused(project: Path) -> None:
    run(project, "site", "cache")
    store, site, metas = _kept(project)
    assert store.saved_corpus((0, 0, 0), metas) is None
    assert store.saved_corpus(None, metas) is None
    assert store.saved_corpus(site, metas[1:]) is None
    other = [*metas[1:], link.CableMeta(**{**vars(metas[0]), "id": "99NOWHERE1"})]
    assert store.saved_corpus(site, other) is None


def test_an_update_from_a_fresh_process_links_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project, "site", "cache")
    cable = sorted((project / "content" / "cables").glob("*.txt"))[0]
    cable.write_text(cable.read_text("utf-8").replace(". ", ". Also noted. ", 1), "utf-8")
    linked: list[int] = []
    real = link.link

    def counted(metas: object) -> link.Corpus:
        linked.append(1)
        return real(metas)  # type: ignore[arg-type]

    monkeypatch.setattr(build.link, "link", counted)
    run(project, "site", "cache")
    assert not linked  # a full build, or linking the old Corpus again, would link
