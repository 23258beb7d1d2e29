"""The page-family declarations: what the full build and the in-place update derive from."""

from __future__ import annotations

from dataclasses import fields, replace

from generator import urls
from generator.incremental.touched import touched
from generator.site import family, lists
from generator.site import person_pages as people
from tests.lists_corpus import corpus, site_config


def test_every_cable_list_field_of_keys_is_a_declared_list_kind() -> None:
    # A kind of list added to Keys but not to LIST_KINDS would be drawn in a full
    # build and never dealt to a worker nor redone by an in-place update.
    declared = [k.field for k in lists.LIST_KINDS]
    assert len(declared) == len(set(declared))
    listed = {f.name for f in fields(lists.Keys)} - {"overviews", "letters"}
    assert set(declared) == listed


def test_every_family_page_has_its_own_path() -> None:
    pages = list(family.pages(corpus(), site_config()))
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    assert {urls.search(), urls.reading(), urls.not_found()} <= set(paths)
    assert set(family.editorial_paths(site_config())) <= set(paths)


def test_an_update_draws_the_families_made_from_the_corpus_only() -> None:
    made = [p.path for p in family.pages(corpus(), site_config(), "corpus")]
    assert made == [urls.search(), urls.most_cited()]


def test_a_retagged_cable_touches_the_lists_of_its_old_and_new_tags() -> None:
    old = corpus()
    cid = old.order[0]
    before = old.cables[cid]
    after = replace(before, tags=("ZZNEW",))
    new = replace(old, cables={**old.cables, cid: after})
    change = touched(old, new).lists
    assert change.tags is not None and set(before.tags) | {"ZZNEW"} <= change.tags
    for kind in lists.LIST_KINDS:
        if kind.field != "tags" and not kind.by_people:
            assert set(kind.holding(before)) <= getattr(change, kind.field)


def test_the_people_paths_are_those_of_the_pages_drawn() -> None:
    # An in-place update finds the people pages that went by their paths alone.
    c, config = corpus(), site_config(page_size=2)
    slugs = frozenset(sorted(c.by_person)[:3]) | {"nobody-named"}
    letters = {people.letter(c.person_names[s]) for s in slugs if s in c.by_person}
    drawn = {p.path for p in people.pages(c, config, slugs, letters=frozenset(letters))}
    assert len(drawn) > 2
    assert people.paths(c, config, slugs, letters) == drawn
