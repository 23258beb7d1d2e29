"""Sort the errors of people extraction into the classes the quality target names.

A false positive is sorted by what it is (a distribution-line addressee, a name
with a word glued on, a lone surname split from a full name, or a non-person);
a label is sorted by the forms in which the cable writes it (in a list, with a
particle, as a bare surname, in a lower-case cable, as one word after a title,
before a comma-title). Recall of a class is measured over the labels of that
class; precision of a class counts only that class's false positives, so the
classes show where the losses are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.model import Cable
from generator.people import lexicon
from generator.people.names import fold, key
from tests.people.quality import same

FALSE_CLASSES = ("distribution", "glued", "split surname", "not a person")
LABEL_CLASSES = (
    "list",
    "particle",
    "bare surname",
    "lower-case cable",
    "title + one word",
    "comma-title",
    "other",
)
_PARTICLE = re.compile(
    r"(?:^|\s)(?:al|el|bin|ibn|bint|de|da|das|del|der|di|do|dos|du|van|von|la|le)[\s-]", re.I
)


def _body(cable: Cable) -> str:
    return fold("\n".join(p.text for p in cable.paragraphs))


def false_class(cable: Cable, name: str, labels: list[str]) -> str:
    """The class of one extracted name that matches no label."""
    words = key(name).split()
    body = _body(cable).lower()
    if any(w in line.lower() for line in cable.handling for w in words[-1:]) and not re.search(
        rf"\b{re.escape(words[-1])}\b", body
    ):
        return "distribution"
    for label in labels:
        theirs = key(label).split()
        if set(theirs) < set(words) or set(theirs) & set(words) and len(words) > len(theirs):
            return "glued"
    if len(words) == 1 and any(words[0] in key(lab).split() for lab in labels):
        return "split surname"
    return "not a person"


def label_classes(cable: Cable, label: str) -> list[str]:
    """The classes of one labelled person, from how the cable writes them."""
    text = _body(cable)
    words = label.split()
    found: list[str] = []
    if _PARTICLE.search(label):
        found.append("particle")
    if len(words) == 1:
        found.append("bare surname")
    surname = re.escape(fold(words[-1]))
    forms = {m.group() for m in re.finditer(rf"\b{surname}\b", text, re.I)}
    if forms and all(f.islower() for f in forms):
        found.append("lower-case cable")
    titles = lexicon.titles()
    for match in re.finditer(rf"\b{surname}\b", text, re.I):
        before = text[max(0, match.start() - 40) : match.start()].split()
        after = text[match.end() : match.end() + 30]
        if (
            before
            and before[-1].strip(".").lower() in titles
            and (len(words) == 1 or not text[: match.start()].rstrip().endswith(fold(words[0])))
        ):
            found.append("title + one word")
        if re.match(r",\s+(?:the\s+|a\s+|\w+\s+)?[A-Z]?[a-z]*\b", after) and re.match(
            r",\s+(?:the|a|an|former|[A-Z][a-z]+ (?:of|for)|[A-Z][a-z]+ [A-Z][a-z]+ (?:of|for))\b",
            after,
        ):
            found.append("comma-title")
        span = text[max(0, match.start() - 60) : match.end() + 40]
        if re.search(r"[A-Z][a-z]+,\s+[A-Z][\w ]*?\b(?:and|,)\s+[A-Z]", span):
            found.append("list")
    found = sorted(set(found), key=LABEL_CLASSES.index)
    return found or ["other"]


@dataclass
class ClassScore:
    """True positives overall, false positives per class, labels found / total per class."""

    true_pos: int = 0
    false_pos: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, cable: Cable, found: list[str], expected: list[str]) -> None:
        left = list(expected)
        for name in found:
            hit = next((lab for lab in left if same(name, lab)), None)
            if hit is None:
                kind = false_class(cable, name, expected)
                self.false_pos[kind] += 1
                self.examples.setdefault(kind, []).append(f"{cable.id}: {name}")
            else:
                self.true_pos += 1
                left.remove(hit)
        for label in expected:
            for kind in label_classes(cable, label):
                self.labelled[kind] += 1
                if label not in left:
                    self.found[kind] += 1
                else:
                    self.examples.setdefault(kind, []).append(f"{cable.id}: {label}")

    def lines(self) -> list[str]:
        fp = sum(self.false_pos.values())
        out = [f"true positives {self.true_pos}, false positives {fp}"]
        for kind in FALSE_CLASSES:
            n = self.false_pos[kind]
            out.append(f"  P {kind:<16} {self.true_pos / max(1, self.true_pos + n):.3f}  ({n} fp)")
        for kind in LABEL_CLASSES:
            n, hit = self.labelled[kind], self.found[kind]
            out.append(f"  R {kind:<16} {hit / max(1, n):.3f}  ({hit}/{n})")
        return out
