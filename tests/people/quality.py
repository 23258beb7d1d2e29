"""Precision and recall of people extraction against the hand labels in tests/data.

Two names match when their comparison keys are equal, or when they share the
surname and one's words are all among the other's ("Asif Zardari" and "Asif Ali
Zardari"; "Zapatero" and "Jose Luis Rodriguez Zapatero"): the label and the
extraction then name the same person of that cable. Each label matches at most
one extracted name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.people.names import key

LABELS = Path(__file__).resolve().parent.parent / "data" / "people_labels.json"


def labels() -> dict[str, dict[str, list[str]]]:
    """{"seeds": {file name: names}, "dev": {cable id: names}}."""
    data = json.loads(LABELS.read_text("utf-8"))
    return {"seeds": data["seeds"], "dev": data["dev"]}


def same(found: str, label: str) -> bool:
    """Do these two names name the same person of one cable?"""
    a, b = _words(found), _words(label)
    if not a or not b:
        return False
    return a == b or a[-1] == b[-1] and (set(a) <= set(b) or set(b) <= set(a))


SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Generational suffixes: "Lincoln Bloomfield Jr" is the labelled "Lincoln Bloomfield"."""


def _words(name: str) -> list[str]:
    words = key(name).split()
    return words[:-1] if len(words) > 2 and words[-1] in SUFFIXES else words


@dataclass
class Score:
    """Micro-averaged counts over many cables, with the misses kept for reading."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, cable: str, found: list[str], expected: list[str]) -> None:
        left = list(expected)
        for name in found:
            hit = next((lab for lab in left if same(name, lab)), None)
            if hit is None:
                self.false_pos += 1
                self.wrong.append((cable, name))
            else:
                self.true_pos += 1
                left.remove(hit)
        self.false_neg += len(left)
        self.missed.extend((cable, name) for name in left)

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)
