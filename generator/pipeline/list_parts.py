"""Deal the cable lists of a site into parts of about equal work, for the workers.

Each part is a `lists.Keys` naming the tags, posts, months, classifications and
people whose lists it draws, without the index pages (those form a part of
their own). Every list lands in exactly one part, and keys that share a page
path (two spellings of one tag) land in the same one, since `lists.merged`
draws them as one list. Parts are pure data: a worker forked with the Corpus
draws its part's pages itself, so the parent never builds or pickles a page.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from generator.corpus.link import Corpus
from generator.site.lists import LIST_KINDS, Keys

# A page costs about as much as this many of its rows (head, pager, Jinja's fixed cost).
PAGE_WEIGHT = 20


def parts(corpus: Corpus, count: int, page_size: int) -> list[Keys]:
    """The cable lists dealt into at most `count` parts, heaviest list first.

    Longest-processing-time dealing: each list, heaviest first, goes to the
    lightest part so far, which keeps the parts within one list of each other.
    """
    lists = sorted(_lists(corpus, page_size), key=lambda w: (-w[0], w[1], repr(w[2])))
    heap = [(0, i) for i in range(max(1, count))]
    chosen: list[dict[str, set[Any]]] = [{k.field: set() for k in LIST_KINDS} for _ in heap]
    for weight, family, keys in lists:
        load, i = heapq.heappop(heap)
        chosen[i][family].update(keys)
        heapq.heappush(heap, (load + weight, i))
    dealt = [c for c in chosen if any(c.values())]
    return [Keys.of(c, overviews=False) for c in dealt]


def _lists(corpus: Corpus, page_size: int) -> list[tuple[int, str, tuple[Any, ...]]]:
    """(weight, family, keys drawn as one list) of every cable list of the site."""
    out = []
    for kind in LIST_KINDS:
        index = kind.index(corpus)
        for keys in _by_path(index, kind.target).values():
            rows = sum(len(index[k]) for k in keys)
            pages = -(-rows // max(1, page_size))
            out.append((rows + PAGE_WEIGHT * pages, kind.field, tuple(keys)))
    return out


def _by_path(
    index: Mapping[Hashable, tuple[str, ...]], target: Callable[[Any], str]
) -> dict[str, list[Hashable]]:
    groups: dict[str, list[Hashable]] = {}
    for key in index:
        groups.setdefault(target(key), []).append(key)
    return groups
