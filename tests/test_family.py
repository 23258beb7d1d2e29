"""The page-family registry: what the full build, the cache keys and the update derive from."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator import urls
from generator.incremental import cache
from generator.incremental.touched import touched
from generator.pipeline import list_parts, list_phase, phases
from generator.site import family
from generator.site import person_pages as people
from generator.site.page_family import Held, PageFamily
from tests.lists_corpus import corpus, site_config


def test_every_family_has_one_name_and_one_way_to_be_made() -> None:
    names = [f.name for f in family.FAMILIES]
    assert len(names) == len(set(names))
    for f in family.FAMILIES:
        made = [w for w in (f.pages, f.from_cable, f.files) if w is not None]
        assert len(made) == 1, f.name
        assert (f.held is not None) == (f.depends == "cables"), f.name


@pytest.mark.parametrize("fam", family.FAMILIES, ids=lambda f: f.name)
def test_the_full_build_the_cache_and_the_update_each_see_every_family(fam: PageFamily) -> None:
    c, config = corpus(), site_config(page_size=5)
    # The full build: phase 3 draws the families made from cable bodies, the
    # exports unit those made of files, the rest is drawn whole or dealt in parts.
    whole = {p.path for p in list_phase.unit_pages(config, c, list_phase.Unit("whole"))}
    for part in list_parts.parts(c, 3, config.page_size):
        whole |= {p.path for p in list_phase.unit_pages(config, c, list_phase.Unit("lists", part))}
    if fam.from_cable is not None:
        assert fam in phases.from_body()
        assert fam.held is not None and fam.held.key is not None
        store = cache.Store(config)
        keys = cache.held_keys(store, fam, c, c.order[:3])
        assert len({k.digest for k in keys.values()}) == 3  # a key per page, before drawing
    elif fam.pages is not None:
        drawn = {p.path for p in fam.draw(c, config)}
        assert drawn and drawn <= whole
        assert fam.paths(c, config, None) == drawn
    else:
        assert fam.files is not None
        made = [path for path, _ in fam.files(c, config, (), None)]
        assert urls.export("cables.jsonl") in made and urls.sitemap() in made
    # The update: every family is planned, and a removed cable touches every
    # family that depends on cables or on the corpus.
    gone = c.order[1]
    smaller = replace(c, cables={k: v for k, v in c.cables.items() if k != gone})
    plan = touched(c, smaller).plan
    assert fam.name in plan
    if fam.depends == "settings":
        assert plan[fam.name] == frozenset()
    else:
        assert plan[fam.name] is None or plan[fam.name]


def test_a_retagged_cable_touches_the_lists_of_its_old_and_new_tags() -> None:
    old = corpus()
    cid = old.order[0]
    before = old.cables[cid]
    after = replace(before, tags=("ZZNEW",))
    new = replace(old, cables={**old.cables, cid: after})
    plan = touched(old, new).plan
    assert set(before.tags) | {"ZZNEW"} <= plan["tags"]
    assert plan["origins"] == {before.origin}
    assert plan["exports"] is None, "the table and the feed list the tags"
    assert cid in plan["cable"]


def test_a_body_edit_touches_no_list_and_only_the_record_export() -> None:
    old = corpus()
    cid = old.order[5]
    new = replace(old, cables={**old.cables, cid: replace(old.cables[cid], digest="edited")})
    plan = touched(old, new).plan
    for name in ("tags", "origins", "months", "classifications", "people", "people-index"):
        assert plan[name] == frozenset(), name
    assert plan["exports"] == {"cables.jsonl"}
    assert cid in plan["cable"]


def test_the_people_paths_are_those_of_the_pages_drawn() -> None:
    # An in-place update finds the people pages that went by their paths alone.
    c, config = corpus(), site_config(page_size=2)
    slugs = frozenset(sorted(c.by_person)[:3]) | {"nobody-named"}
    drawn = {p.path for p in people.pages(c, config, slugs)}
    assert len(drawn) > 2
    assert people.paths(c, config, slugs) == drawn
    letters = frozenset(people.letters_of(c, slugs))
    assert people.index_paths(c, letters) == {p.path for p in people.index(c, letters)}


def test_a_family_needs_held_exactly_when_it_depends_on_cables() -> None:
    with pytest.raises(ValueError, match="held"):
        PageFamily("x", lambda c, cfg: (), "cables")
    with pytest.raises(ValueError, match="held"):
        PageFamily("x", lambda c, cfg: (), "corpus", Held(None, lambda c, m: ()))
    with pytest.raises(ValueError, match="exactly one"):
        PageFamily("x", None, "corpus")


def test_every_editorial_page_is_in_the_sitemap_paths() -> None:
    pages = {p.path for p in family.pages(corpus(), site_config())}
    assert {urls.search(), urls.reading(), urls.not_found()} <= pages
    assert set(family.editorial_paths(site_config())) <= pages


@pytest.mark.parametrize("fam", [f for f in family.FAMILIES if f.page_paths is not None])
def test_paths_given_without_drawing_are_those_of_the_pages_drawn(fam: PageFamily) -> None:
    # An in-place update finds the pages of the old corpus that went by these paths alone.
    c, config = corpus(), site_config(page_size=2)
    assert fam.page_paths is not None
    assert fam.page_paths(c) == {p.path for p in fam.draw(c, config)}
    undated = replace(c, by_year={}, by_month={})
    assert fam.page_paths(undated) == {p.path for p in fam.draw(undated, config)}
