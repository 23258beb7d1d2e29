"""People extraction measured against the hand labels: it must not get worse.

The labels (tests/data/people_labels.json) were written by reading each cable.
The figures printed here are the ones quoted in reports; the floors below are
the measured values rounded down, so any regression fails the suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.people as people
from tests.conftest import SEEDS
from tests.people import loader, quality

ROOT = Path(__file__).resolve().parent.parent
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.94
SEEDS_FLOOR = 0.95


@pytest.fixture(scope="module")
def registry() -> people.Registry:
    return people.load_registry(ROOT / "content" / "people.toml")


def _score(
    files: dict[str, Path], labels: dict[str, list[str]], registry: people.Registry
) -> quality.Score:
    score = quality.Score()
    for name, expected in sorted(labels.items()):
        cable = people.find(loader.load(files[name]), registry)
        score.add(name, [m.name for m in cable.people], expected)
    return score


def test_seed_cables(registry: people.Registry) -> None:
    labels = quality.labels()["seeds"]
    score = _score({n: SEEDS / n for n in labels}, labels, registry)
    print(f"seeds: precision {score.precision:.3f} recall {score.recall:.3f}")
    assert score.precision >= SEEDS_FLOOR, score.wrong
    assert score.recall >= SEEDS_FLOOR, score.missed


@pytest.mark.slow
def test_dev_cables(dev_corpus: Path, registry: people.Registry) -> None:
    labels = quality.labels()["dev"]
    assert len(labels) >= 100
    files = {cid: dev_corpus / f"{cid}.txt" for cid in labels}
    missing = [str(p) for p in files.values() if not p.is_file()]
    assert not missing, f"labelled cables missing from the dev corpus: {missing}"
    seeds = quality.labels()["seeds"]
    score = _score({n: SEEDS / n for n in seeds}, seeds, registry)
    dev = _score(files, labels, registry)
    for attr in ("true_pos", "false_pos", "false_neg"):
        setattr(score, attr, getattr(score, attr) + getattr(dev, attr))
    print(
        f"seeds + {len(labels)} dev cables: precision {score.precision:.3f} "
        f"recall {score.recall:.3f} "
        f"(tp {score.true_pos}, fp {score.false_pos}, fn {score.false_neg})"
    )
    assert score.precision >= PRECISION_FLOOR, dev.wrong
    assert score.recall >= RECALL_FLOOR, dev.missed


def test_matching_rule() -> None:
    assert quality.same("Asif Zardari", "Asif Ali Zardari")
    assert quality.same("Zapatero", "Jose Luis Rodriguez Zapatero")
    assert not quality.same("Michel Murr", "Elias Murr")
    assert not quality.same("Blake", "Robert Black")
