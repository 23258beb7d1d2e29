"""Keeping the input listing from change events gives what listing the folder gives."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator import config
from generator.source import inputs


@pytest.fixture
def cfg(tmp_path: Path) -> config.SiteConfig:
    cables = tmp_path / "content" / "cables"
    (cables / "2009").mkdir(parents=True)
    for name in ("b.txt", "a.txt", "2009/c.txt", ".hidden"):
        (cables / name).write_text(name, "utf-8")
    loaded = config.load(overrides={"content": tmp_path / "content"}, root=tmp_path)
    return replace(loaded, cache=tmp_path / "cache")


def fresh(cfg: config.SiteConfig, kept: inputs.Listings | None = None) -> inputs.Listing:
    """A listing made by reading the folder (kept in `kept` for the next build)."""
    return inputs.list_inputs(cfg, kept=kept)


def test_changes_patch_the_listing_like_a_new_listing(cfg: config.SiteConfig) -> None:
    cables = (cfg.content / "cables").resolve()
    kept: inputs.Listings = {}
    first = fresh(cfg, kept)
    assert [k for k in first.keys] == [("2009", "c.txt"), ("a.txt",), ("b.txt",)]
    (cables / "0.txt").write_text("new", "utf-8")
    (cables / "a.txt").unlink()
    (cables / "b.txt").write_text("longer text", "utf-8")
    (cables / ".#b.txt").write_text("lock", "utf-8")
    changed = [cables / n for n in ("0.txt", "a.txt", "b.txt", ".#b.txt")]
    changed.append(cfg.content.parent / "templates" / "base.html")
    patched = inputs.list_inputs(cfg, changed, kept)
    assert patched == fresh(cfg)
    assert patched.rels == ("cables/0.txt", "cables/2009/c.txt", "cables/b.txt")


def test_a_folder_moved_in_makes_it_list_again(cfg: config.SiteConfig) -> None:
    cables = (cfg.content / "cables").resolve()
    kept: inputs.Listings = {}
    fresh(cfg, kept)
    (cables / "2010").mkdir()
    (cables / "2010" / "d.txt").write_text("d", "utf-8")
    assert inputs.list_inputs(cfg, [cables / "2010"], kept) == fresh(cfg)


def test_without_changes_it_lists_the_folder(cfg: config.SiteConfig) -> None:
    kept: inputs.Listings = {}
    fresh(cfg, kept)
    extra = cfg.content / "cables" / "e.txt"
    extra.write_text("e", "utf-8")
    os.utime(extra)
    assert ("e.txt",) in inputs.list_inputs(cfg, kept=kept).keys


def test_a_kept_listing_is_used_only_with_changed_paths(cfg: config.SiteConfig) -> None:
    kept: inputs.Listings = {}
    first = fresh(cfg, kept)
    assert kept == {cfg.content / "cables": first}
    (cfg.content / "cables" / "f.txt").write_text("f", "utf-8")
    # Nothing said to have changed, yet the new file is missed: the listing was kept.
    assert inputs.list_inputs(cfg, [], kept) == first
