"""The build cache: which changes invalidate what, and that a damaged cache only costs time."""

from __future__ import annotations

import os
from pathlib import Path

from generator.config import SiteConfig
from generator.incremental import cache
from generator.source.read import stat_key


def make_config(tmp_path: Path) -> SiteConfig:
    (tmp_path / "content" / "cables").mkdir(parents=True)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("<html>{{ page }}</html>")
    return SiteConfig(
        content=tmp_path / "content",
        output=tmp_path / "site",
        templates=tmp_path / "templates",
        static=tmp_path / "static",
        cache=tmp_path / "cache",
    )


def test_untouched_file_is_known_and_touched_file_is_not(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    cable = config.content / "cables" / "a.txt"
    cable.write_text("one")
    store = cache.Store(config)
    store.remember("cables/a.txt", stat_key(cable), "d1", "parsed-a")
    store.save()

    again = cache.Store(config)
    assert again.known("cables/a.txt", stat_key(cable)) == "parsed-a"

    cable.write_text("two!")
    os.utime(cable, ns=(1, 1))
    assert cache.Store(config).known("cables/a.txt", stat_key(cable)) is None


def test_cable_pickles_round_trip_and_edited_inputs_drop_theirs(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    store = cache.Store(config)
    store.save_cable("cables/a.txt", "d1", {"id": "09ASTANA1"})
    assert store.load_cable("cables/a.txt", "d1") == {"id": "09ASTANA1"}
    assert store.load_cable("cables/a.txt", "d2") is None
    assert store.load_cable("cables/b.txt", "d1") is None, "the path is part of the key"
    store.remember("cables/a.txt", (3, 1), "d1", "parsed")
    store.save()

    edited = cache.Store(config)
    edited.remember("cables/a.txt", (4, 2), "d2", "parsed")
    edited.save()
    assert not edited.cable_file("cables/a.txt", "d1").exists()


def test_template_edit_changes_page_keys_but_keeps_parsed_cables(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    before = cache.Store(config)
    before.save_cable("cables/a.txt", "d1", "cable")
    before.save()
    (config.templates / "base.html").write_text("<html lang=en>{{ page }}</html>")

    after = cache.Store(config)
    assert after.root == before.root
    assert after.page_key("base.html", "x") != before.page_key("base.html", "x")
    assert after.load_cable("cables/a.txt", "d1") == "cable"


def test_a_page_key_holds_the_templates_its_template_is_made_of(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    folder = config.templates
    (folder / "person.html").write_text('{% extends "base.html" %}{% include "row.html" %}')
    (folder / "tag.html").write_text('{% extends "base.html" %}')
    (folder / "row.html").write_text("<li>{{ page }}</li>")
    (folder / "dynamic.html").write_text("{% include page.name %}")
    before = cache.Store(config)
    (folder / "row.html").write_text("<li class=row>{{ page }}</li>")
    after = cache.Store(config)
    assert after.page_key("person.html", "x") != before.page_key("person.html", "x")
    assert after.page_key("tag.html", "x") == before.page_key("tag.html", "x")
    assert after.page_key("dynamic.html", "x") != before.page_key("dynamic.html", "x")
    (folder / "base.html").write_text("<html lang=en>{{ page }}</html>")
    last = cache.Store(config)
    assert last.page_key("tag.html", "x") != after.page_key("tag.html", "x")


def test_setting_edit_changes_page_keys(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    other = SiteConfig(**{**config.__dict__, "title": "Another title"})
    assert cache.Store(config).page_key("base.html", "x") != cache.Store(other).page_key(
        "base.html", "x"
    )


def test_people_registry_edit_starts_a_fresh_cache(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    first = cache.Store(config)
    first.save_cable("cables/a.txt", "d1", "cable")
    first.save()
    (config.content / "people.toml").write_text('[[person]]\nname = "Robert Blake"\n')

    second = cache.Store(config)
    assert second.root != first.root
    assert second.load_cable("cables/a.txt", "d1") is None
    second.save()
    assert not first.root.exists(), "caches for other salts are removed"


def test_damaged_index_is_treated_as_empty(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    store = cache.Store(config)
    store.remember("cables/a.txt", (1, 1), "d1", "parsed")
    store.page_made("cable/2009/12/X.html", "k")
    store.save()
    (store.root / "files.pickle").write_bytes(b"\x80\x05truncated")
    (store.root / "pages.pickle").write_bytes(b"")

    again = cache.Store(config)
    assert again.known("cables/a.txt", (1, 1)) is None
    assert not again.page_unchanged("cable/2009/12/X.html", "k")
