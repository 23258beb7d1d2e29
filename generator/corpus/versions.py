"""Versions of a cable: every distinct published text of one cable ID.

A cable was often published more than once (re-redacted, re-typeset, completed
from a partial extract), and arrives as a text file, a release page or a
cables.csv row. Inputs are one version when their cleaned paragraph texts are
equal, whitespace aside: the shape, the page layout and the routing header do
not count. The page shows the fullest version; the others are kept, each with
its own raw text, record and a word diff (generator.site.versions).

Metadata only, like the rest of corpus/: a Version is a few dozen bytes, and
merging is associative and order-free, so phase 1 folds the inputs of a cable
one at a time in any order and gets the same answer.
"""

from __future__ import annotations

from dataclasses import replace

from generator.corpus.link import CableMeta, Version


def rank(partial: bool, words: int, path: str) -> tuple[bool, int, str]:
    """Which text a cable page shows: the highest rank (a full text, most words, last path)."""
    return (not partial, words, path)


def _meta_rank(m: CableMeta) -> tuple[bool, int, str]:
    words = next((v.words for v in m.versions if any(p == m.source_path for p, _ in v.inputs)), 0)
    return rank(m.partial, words, m.source_path)


def combine(a: tuple[Version, ...], b: tuple[Version, ...]) -> tuple[Version, ...]:
    """The versions of both, one per distinct text, ordered by their first input's path."""
    by_key: dict[str, Version] = {}
    for v in (*a, *b):
        had = by_key.get(v.key)
        if had is not None:
            v = replace(had, inputs=tuple(sorted(set(had.inputs) | set(v.inputs))))
        by_key[v.key] = v
    return tuple(sorted(by_key.values(), key=lambda v: v.path))


def merge(a: CableMeta, b: CableMeta) -> CableMeta:
    """Two inputs of one cable as one: the fuller one's metadata, with both's versions."""
    shown = max(a, b, key=_meta_rank)
    return replace(shown, versions=combine(a.versions, b.versions))


def count(m: CableMeta) -> int:
    """How many versions a cable has (at least one)."""
    return max(1, len(m.versions))


def label(index: int) -> str:
    """The name of the version at `index` (0-based) in a cable's versions: "v1", "v2" ..."""
    return f"v{index + 1}"
