"""Dealing the cable lists to workers: every page drawn exactly once, the same page."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from generator import urls
from generator.corpus import link
from generator.pipeline import list_parts, list_phase
from generator.site import family
from tests.lists_corpus import corpus, metas, site_config


def _dealt(c: link.Corpus, count: int, page_size: int = 5) -> list:
    cfg = site_config(page_size=page_size)
    pages = list(list_phase.unit_pages(cfg, c, list_phase.Unit("whole")))
    for part in list_parts.parts(c, count, cfg.page_size):
        pages += list(list_phase.unit_pages(cfg, c, list_phase.Unit("lists", part)))
    return pages


@pytest.mark.parametrize("count", [1, 2, 3, 16, 500])
def test_parts_and_whole_families_draw_every_page_once_and_unchanged(count: int) -> None:
    c = corpus(130)
    whole = {p.path: p for p in family.pages(c, site_config(page_size=5))}
    dealt = _dealt(c, count)
    paths = Counter(p.path for p in dealt)
    assert [p for p, n in paths.items() if n > 1] == []
    assert set(paths) == set(whole)
    assert all(p == whole[p.path] for p in dealt)


def test_keys_sharing_a_path_go_to_the_same_part() -> None:
    items = [
        replace(m, tags=("SMITH, JOHN",) if i % 2 else ("Smith John",))
        for i, m in enumerate(metas(40))
    ]
    c = link.link(items)
    holding = [dict(k)["tags"] for k in list_parts.parts(c, 8, 5) if dict(k)["tags"]]
    assert holding == [{"SMITH, JOHN", "Smith John"}]
    pages = [p for p in _dealt(c, 8) if p.path == urls.tag("Smith John")]
    assert len(pages) == 1


def test_parts_are_balanced_by_rows() -> None:
    c = corpus(600)
    parts = list_parts.parts(c, 4, 50)
    assert len(parts) == 4
    loads = []
    for part in parts:
        unit = list_phase.Unit("lists", part)
        pages = list(list_phase.unit_pages(site_config(page_size=50), c, unit))
        loads.append(sum(len(getattr(p.context, "rows", ()) or p.context.timeline) for p in pages))
    heaviest = max(w for w, _, _ in list_parts._lists(c, 50))
    assert max(loads) - min(loads) <= heaviest


def test_an_empty_corpus_has_no_parts() -> None:
    assert list_parts.parts(link.link([]), 4, 50) == []
