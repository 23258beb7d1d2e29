"""Dealing the cable lists to workers: every page drawn exactly once, the same page."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from generator import urls
from generator.corpus import link
from generator.pipeline import list_parts
from generator.site import lists
from tests.lists_corpus import corpus, metas, site_config


def _dealt(c: link.Corpus, count: int, page_size: int = 5) -> list:
    cfg = site_config(page_size=page_size)
    pages = list(lists.overview_pages(c, cfg))
    for keys in list_parts.parts(c, count, cfg.page_size):
        assert keys.overviews is False
        pages += list(lists.pages(c, cfg, keys))
    return pages


@pytest.mark.parametrize("count", [1, 2, 3, 16, 500])
def test_parts_and_overviews_draw_every_page_once_and_unchanged(count: int) -> None:
    c = corpus(130)
    whole = {p.path: p for p in lists.pages(c, site_config(page_size=5))}
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
    holding = [k for k in list_parts.parts(c, 8, 5) if k.tags]
    assert len(holding) == 1 and holding[0].tags == {"SMITH, JOHN", "Smith John"}
    pages = [p for p in _dealt(c, 8) if p.path == urls.tag("Smith John")]
    assert len(pages) == 1


def test_parts_are_balanced_by_rows() -> None:
    c = corpus(600)
    parts = list_parts.parts(c, 4, 50)
    assert len(parts) == 4
    loads = []
    for keys in parts:
        pages = list(lists.pages(c, site_config(page_size=50), keys))
        loads.append(sum(len(getattr(p.context, "rows", ()) or p.context.timeline) for p in pages))
    heaviest = max(w for w, _, _ in list_parts._lists(c, 50))
    assert max(loads) - min(loads) <= heaviest


def test_an_empty_corpus_has_no_parts() -> None:
    assert list_parts.parts(link.link([]), 4, 50) == []
