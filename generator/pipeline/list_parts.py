"""Deal the cable lists of a site into parts of about equal work, for the workers.

The lists are the pages of every family whose `Held` gives an `index` (tags,
posts, months, classifications, people: generator.site.family). Each part is a
`Part` naming, per family, the keys whose lists it draws, without the index
pages (those form a unit of their own). Every list lands in exactly one part,
and keys that share a page path (two spellings of one tag) land in the same one,
since `lists.merged` draws them as one list. Parts are pure data: a worker forked
with the Corpus draws its part's pages itself, so the parent never builds or
pickles a page.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from generator.corpus.link import Corpus
from generator.site import family
from generator.site.page_family import PageFamily

# A page costs about as much as this many of its rows (head, pager, Jinja's fixed cost).
PAGE_WEIGHT = 20

Part = tuple[tuple[str, frozenset[Any]], ...]
"""(family name, the keys of its lists) for each dealt family, in FAMILIES order."""


def dealt() -> list[PageFamily]:
    """The families whose pages are dealt to the workers list by list."""
    return [
        f
        for f in family.FAMILIES
        if f.pages is not None and f.held is not None and f.held.index is not None
    ]


def parts(corpus: Corpus, count: int, page_size: int) -> list[Part]:
    """The cable lists dealt into at most `count` parts, heaviest list first.

    Longest-processing-time dealing: each list, heaviest first, goes to the
    lightest part so far, which keeps the parts within one list of each other.
    """
    names = [f.name for f in dealt()]
    lists = sorted(_lists(corpus, page_size), key=lambda w: (-w[0], w[1], repr(w[2])))
    heap = [(0, i) for i in range(max(1, count))]
    chosen: list[dict[str, set[Any]]] = [{n: set() for n in names} for _ in heap]
    for weight, name, keys in lists:
        load, i = heapq.heappop(heap)
        chosen[i][name].update(keys)
        heapq.heappush(heap, (load + weight, i))
    return [tuple((n, frozenset(c[n])) for n in names) for c in chosen if any(c.values())]


def _lists(corpus: Corpus, page_size: int) -> list[tuple[int, str, tuple[Any, ...]]]:
    """(weight, family, keys drawn as one list) of every cable list of the site."""
    out = []
    for fam in dealt():
        assert fam.held is not None and fam.held.index is not None
        index = fam.held.index(corpus)
        target = fam.held.target or str
        for keys in _by_path(index, target).values():
            rows = sum(len(index[k]) for k in keys)
            pages = -(-rows // max(1, page_size))
            out.append((rows + PAGE_WEIGHT * pages, fam.name, tuple(keys)))
    return out


def _by_path(
    index: Mapping[Hashable, Any], target: Callable[[Any], str]
) -> dict[str, list[Hashable]]:
    groups: dict[str, list[Hashable]] = {}
    for key in index:
        groups.setdefault(target(key), []).append(key)
    return groups
