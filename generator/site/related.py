"""Related cables: the few closest to a cable by shared TAGS, people and references.

Scored through the corpus's inverted indexes (by tag, by person, referenced by),
never by comparing every pair: a cable's candidates are the cables holding one of
its features, and a feature held by more than `CAP` cables (PREL, PGOV in a large
archive) finds no candidates of its own -- it still adds to the score of those
found otherwise. So one cable costs at most its features times `CAP`, whatever the
size of the archive, and an edit can change the related cables only of the cables
sharing one of its uncapped features (`affected`).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.corpus.link import CableMeta, Corpus, shown_date

SHOWN = 5
CAP = 200
"""A feature held by more cables than this finds no candidates (see the module's note)."""
LEAST = 2
"""The least score shown: one shared subject TAG alone does not make a cable related."""
WEIGHT = {"ref": 3, "person": 2, "tag": 1}
"""A shared reference says more than a shared person, a shared person more than a TAG."""

Feature = tuple[str, str]
"""(kind, key): ("tag", "PGOV"), ("person", slug), ("ref", cable ID)."""


@dataclass(frozen=True)
class Related:
    """A related cable as the cable page lists it, and why."""

    id: str
    subject: str
    date: str
    target: str
    reason: str
    """E.g. "shares PGOV, KCOR and Zine el Abidine Ben Ali"."""


def features(corpus: Corpus, m: CableMeta) -> Iterator[Feature]:
    """What a cable can share: its TAGS, the people it names, the archive's cables it is
    linked to by a REF (those it cites, and itself, which its citers cite)."""
    for code in dict.fromkeys(m.tags):
        yield ("tag", code)
    for slug in dict.fromkeys(p.slug for p in m.people):
        yield ("person", slug)
    for ref in (m.id, *m.cites):
        if ref in corpus.cables:
            yield ("ref", ref)


def holders(corpus: Corpus, f: Feature) -> tuple[str, ...]:
    """The cables that hold a feature."""
    kind, key = f
    if kind == "tag":
        return corpus.by_tag.get(key, ())
    if kind == "person":
        return corpus.by_person.get(key, ())
    return (key, *corpus.referenced_by.get(key, ())) if key in corpus.cables else ()


def _holds(m: CableMeta, f: Feature) -> bool:
    kind, key = f
    if kind == "tag":
        return key in m.tags
    if kind == "person":
        return any(p.slug == key for p in m.people)
    return key == m.id or key in m.cites


def related(corpus: Corpus, cable_id: str) -> tuple[Related, ...]:
    """The closest cables, best first; ties go to the nearer in time, then to the lower ID."""
    m = corpus.cables[cable_id]
    own = list(features(corpus, m))
    score: Counter[str] = Counter()
    common = []
    for f in own:
        held = holders(corpus, f)
        if len(held) > CAP:
            common.append(f)
            continue
        for _ in range(WEIGHT[f[0]]):
            score.update(held)  # counted in C: this loop is most of the cost
    score.pop(cable_id, None)
    if not score:
        return ()
    # Candidates in falling order of their score so far: once even a common feature's
    # full `bonus` cannot lift the next one to the fifth best total, none can.
    # Common TAGS (nearly all of them) are counted by one set intersection.
    bonus = sum(WEIGHT[f[0]] for f in common)
    tags = frozenset(k for kind, k in common if kind == "tag")
    rare = [f for f in common if f[0] != "tag"]
    when = _month(m)
    found: list[tuple[int, int, str]] = []
    totals: list[int] = []  # a min-heap of the best few totals
    for cid, base in score.most_common():
        if len(totals) == SHOWN and base + bonus < totals[0]:
            break
        other = corpus.cables[cid]
        total = base + len(tags.intersection(other.tags))
        if rare:
            total += sum(WEIGHT[f[0]] for f in rare if _holds(other, f))
        if total < LEAST:
            continue
        found.append((-total, abs(_month(other) - when), cid))
        if len(totals) < SHOWN:
            heapq.heappush(totals, total)
        elif total > totals[0]:
            heapq.heapreplace(totals, total)
    ranked = [cid for _, _, cid in heapq.nsmallest(SHOWN, found)]
    return tuple(_entry(corpus, m, corpus.cables[cid], own) for cid in ranked)


def _month(m: CableMeta) -> int:
    return (m.year or 0) * 12 + (m.month or 0)


def _entry(corpus: Corpus, m: CableMeta, other: CableMeta, own: list[Feature]) -> Related:
    shared = [f for f in own if _holds(other, f)]
    names = [k for kind, k in shared if kind == "tag"]
    names += [corpus.person_names.get(k, k) for kind, k in shared if kind == "person"]
    links = []
    for kind, key in shared:
        if kind != "ref":
            continue
        if key == other.id:
            links.append("this cable cites it")
        elif key == m.id:
            links.append("it cites this cable")
        else:
            links.append(f"both cite {key}")
    parts = ([f"shares {_and(names)}"] if names else []) + links
    date = shown_date(other.created, other.year)
    return Related(other.id, other.subject, date, other.path, "; ".join(parts))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def affected(old: Corpus, new: Corpus, cable_id: str) -> set[str]:
    """The cables whose related cables may change when `cable_id` changes from `old` to `new`.

    Those holding one of its features that finds candidates in either corpus: only
    they can have it among their candidates, before or after. A feature crossing
    `CAP` brings all its holders, as their scoring changes with it.
    """
    found: set[str] = set()
    for corpus in (old, new):
        m = corpus.cables.get(cable_id)
        if m is None:
            continue
        for f in features(corpus, m):
            held = [holders(c, f) for c in (old, new)]
            if min(map(len, held)) <= CAP:
                found.update(*held)
    return found & new.cables.keys()


def ids(entries: Iterable[Related]) -> set[str]:
    return {e.id for e in entries}
