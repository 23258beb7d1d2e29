"""Print precision and recall of people extraction on the labelled cables, per error class.

python -m tests.people.measure          # the figures
python -m tests.people.measure -v       # and every error, by class
"""

from __future__ import annotations

import sys
from pathlib import Path

import generator.people as people
from tests.conftest import DEV_CORPUS, SEEDS
from tests.people import loader, quality
from tests.people.classes import ClassScore

ROOT = Path(__file__).resolve().parent.parent.parent


def files() -> dict[str, Path]:
    """Every labelled cable: the seeds by file name, the dev cables by ID."""
    data = quality.labels()
    out = {name: SEEDS / name for name in data["seeds"]}
    out.update({cid: DEV_CORPUS / f"{cid}.txt" for cid in data["dev"]})
    return out


def measure(registry: people.Registry) -> tuple[quality.Score, ClassScore]:
    data = quality.labels()
    labels = {**data["seeds"], **data["dev"]}
    score, classes = quality.Score(), ClassScore()
    for name, path in sorted(files().items()):
        cable = people.find(loader.load(path), registry)
        found = [m.name for m in cable.people]
        score.add(name, found, labels[name])
        classes.add(cable, found, labels[name])
    return score, classes


def main(argv: list[str]) -> None:
    path = Path(argv[argv.index("--registry") + 1]) if "--registry" in argv else None
    registry = people.load_registry(path or ROOT / "content" / "people.toml")
    score, classes = measure(registry)
    print(
        f"{len(files())} cables: precision {score.precision:.3f} recall {score.recall:.3f} "
        f"(tp {score.true_pos}, fp {score.false_pos}, fn {score.false_neg})"
    )
    print("\n".join(classes.lines()))
    if "-v" in argv:
        for kind, examples in sorted(classes.examples.items()):
            print(f"\n{kind}:")
            print("\n".join(f"  {e}" for e in examples))


if __name__ == "__main__":
    main(sys.argv[1:])
