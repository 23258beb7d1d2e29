"""No organisation or place among the 50 people the dev build names most often.

The list checked against (tests/data/people_most_named.txt) holds names read and
confirmed to be people; a new name in the top 50 must be read and added, or the
extraction fixed. The build's own default registry is used, as for an archive
with no content/people.toml.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import generator.people as people
from tests.people import loader

DATA = Path(__file__).resolve().parent.parent / "data"
TOP = 50
NEVER_PEOPLE = (
    "Hizballah",
    "Hamas",
    "Taliban",
    "Reuters",
    "Knesset",
    "Helmand",
    "Lower Saxony",
    "Christian Democratic",
    "Guantanamo",
    "Kommersant",
    "Casa Rosada",
    "AmCham",
    "PolOffs",
)
"""Names the dev cables use often that a weaker extraction took for people."""


def _confirmed() -> set[str]:
    lines = (DATA / "people_most_named.txt").read_text("utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.mark.slow
def test_the_most_named_are_people(dev_corpus: Path, tmp_path: Path) -> None:
    registry = people.load_registry(tmp_path / "people.toml")  # none: the default alone
    cables: Counter[str] = Counter()
    for path in sorted(dev_corpus.glob("*.txt")):
        cables.update({m.name for m in people.find(loader.load(path), registry).people})
    top = [name for name, _ in sorted(cables.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]]
    assert len(top) == TOP
    assert not set(top) & set(NEVER_PEOPLE)
    unknown = [name for name in top if name not in _confirmed()]
    assert not unknown, f"read the cables naming {unknown}; add people to people_most_named.txt"


def test_the_never_people_are_ignored_by_the_default_registry() -> None:
    registry = people.load_registry(Path("no-such-folder") / "people.toml")
    found = people.find(
        loader.cable("Reuters said that Hizballah and Hamas met PolOffs in Helmand."), registry
    )
    assert [m.name for m in found.people] == []
