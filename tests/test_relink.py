"""link.relink must give exactly what link gives, for any set of changed cables."""

from __future__ import annotations

import random
from dataclasses import fields, replace

import pytest

from generator import build, link, read
from generator.link import CableMeta, Corpus, PersonRef
from tests.conftest import SEEDS, some_cables


@pytest.fixture(scope="module")
def metas() -> list[CableMeta]:
    files = sorted(SEEDS.glob("*.txt")) + some_cables(80)
    found: dict[str, CableMeta] = {}
    for path in files:
        cable = build.cable_from_source(read.read_file(path, path.parent)).cable
        if cable is not None and cable.id not in found:
            found[cable.id] = link.meta(cable)
    return list(found.values())


def assert_same(a: Corpus, b: Corpus) -> None:
    for f in fields(Corpus):
        assert getattr(a, f.name) == getattr(b, f.name), f"relink and link differ in {f.name}"


def mutate(rng: random.Random, m: CableMeta, pool: list[CableMeta]) -> CableMeta:
    other = rng.choice(pool)
    kind = rng.randrange(6)
    if kind == 0:
        return replace(m, created=other.created, year=other.year, month=other.month)
    if kind == 1:
        return replace(m, tags=(*other.tags[:2], "ZZTEST"))
    if kind == 2:
        return replace(m, origin=other.origin)
    if kind == 3:
        person = PersonRef("Zed Quorum", "zed-quorum", (), ())
        return replace(m, people=(*m.people, person, *other.people[:1]))
    if kind == 4:
        return replace(m, references=((None, other.id, other.id), *m.references))
    return replace(m, digest=m.digest + "x", classification=other.classification)


@pytest.mark.parametrize("seed", range(12))
def test_relink_equals_link_after_random_changes(metas: list[CableMeta], seed: int) -> None:
    rng = random.Random(seed)
    current = list(metas[: len(metas) - 10])
    reserve = metas[len(metas) - 10 :]
    corpus = link.link(current)
    for _ in range(6):
        changed = list(current)
        for _ in range(rng.randint(1, 4)):
            action = rng.randrange(3)
            if action == 0 and len(changed) > 5:
                changed.pop(rng.randrange(len(changed)))
            elif action == 1 and reserve:
                changed.insert(rng.randrange(len(changed) + 1), reserve.pop())
            else:
                i = rng.randrange(len(changed))
                changed[i] = mutate(rng, changed[i], metas)
        patched = link.relink(corpus, changed)
        assert_same(patched, link.link(changed))
        corpus, current = patched, changed


def test_relink_with_nothing_changed_is_the_same_corpus(metas: list[CableMeta]) -> None:
    corpus = link.link(metas)
    assert_same(link.relink(corpus, metas), corpus)
