"""Sort the words of a TAGS line into codes, people and free words.

Drafters wrote more than codes on the line: country names (`ITALY`), people
after OVIP with or without parentheses (`OVIP (STEINBERG, JAMES B.)`,
`OVIP CLINTON HILLARY`), two codes run together (`EINDETRD`) and free words
(`COUNTER TERRORISM`, `Organized Crime`). A tag page for each of those would
split one subject over many lists, so only codes stay tags; nothing is dropped:
a country name becomes its code, a person goes to the people, free words are
kept as keywords.

What counts as a code comes from the package's TAGS list. An unlisted word of
two to four capitals stays a code (unknown, but shaped like one: `KAWK`,
`MEPP`); a longer unlisted word or a capitalised one is a free word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from generator import facts

PERSON = re.compile(r"\(([^()]*)\)")
# Visit tags that a drafter follows with the visitor's name.
VISITS = frozenset({"OVIP"})
LONGEST_CODE_WORD = 4
"""Unlisted words up to this length are taken for codes; longer ones for free words."""
LONGEST_NAME = 4
"""Words in the longest country name looked for ("SAINT KITTS AND NEVIS")."""
MAX_SPLIT = 12
"""Run-together codes split into at most this many parts (`KFRDKIRFCVISCMGT...`)."""


@dataclass(frozen=True)
class TagLine:
    """What one TAGS line holds, each in the order written, duplicates dropped."""

    codes: tuple[str, ...]
    people: tuple[str, ...]
    """Names as written, surname first: "STEINBERG, JAMES B.", "CLINTON, HILLARY"."""
    keywords: tuple[str, ...]
    """Runs of free words as written: "COUNTER TERRORISM", "Organized Crime"."""


@cache
def _countries() -> dict[str, str]:
    """Upper-case country name -> code, from the TAGS list ("ITALY" -> "IT")."""
    names: dict[str, str] = {}
    for tag in facts.tags().values():
        if tag.kind == "country" and tag.meaning and "," not in tag.meaning:
            names.setdefault(" ".join(tag.meaning.upper().split()), tag.code)
    return names


@cache
def _run_heads() -> frozenset[str]:
    """Listed four-letter subject and program codes: the first half of a run-together pair."""
    return frozenset(
        t.code
        for t in facts.tags().values()
        if t.kind in ("subject", "program") and len(t.code) == LONGEST_CODE_WORD
    )


def _known(word: str) -> bool:
    return word in facts.tags()


def country_code(name: str) -> str | None:
    """The code of a country written out ("ITALY", "New Zealand" -> "IT", "NZ"), else None."""
    return _countries().get(" ".join(name.upper().split()))


def _code_or_country(word: str) -> bool:
    return _known(word.upper()) or country_code(word) is not None


def split_run(word: str) -> tuple[str, ...] | None:
    """Codes written without spaces (`EINDETRD` -> EIND, ETRD), or None.

    Only a listed four-letter subject or program code may open a pair, so two
    country codes that happen to spell a word (`GTMO`) are never split.
    """
    parts: list[str] = []
    rest = word
    while len(parts) < MAX_SPLIT:
        if parts and _known(rest):
            return (*parts, rest)
        head = rest[:LONGEST_CODE_WORD]
        if len(rest) < LONGEST_CODE_WORD + 2 or head not in _run_heads():
            return None
        parts.append(head)
        rest = rest[LONGEST_CODE_WORD:]
    return None


def _free(word: str) -> bool:
    """A free word rather than a code: long and unlisted, or written Like This."""
    if _known(word.upper()):
        return False
    letters = word.replace("-", "").replace("'", "")
    return len(letters) > LONGEST_CODE_WORD or (len(word) > 2 and word.istitle())


class _Reader:
    """Walks one comma-separated part of the line, word by word."""

    def __init__(self, out: dict[str, list[str]]) -> None:
        self.out = out
        self.phrase: list[str] = []

    def add(self, kind: str, value: str) -> None:
        if kind != "keywords":
            self.flush()
        if value and value not in self.out[kind]:
            self.out[kind].append(value)

    def flush(self) -> None:
        if self.phrase:
            phrase, self.phrase = " ".join(self.phrase), []
            self.add("keywords", phrase)

    def read(self, words: list[str]) -> None:
        i = 0
        while i < len(words):
            i = self._step(words, i)
        self.flush()

    def _step(self, words: list[str], i: int) -> int:
        word, upper = words[i], words[i].upper()
        if _known(upper):
            self.add("codes", upper)
            if upper in VISITS:
                return self._visitor(words, i + 1)
            return i + 1
        for size in range(min(LONGEST_NAME, len(words) - i), 0, -1):
            code = country_code(" ".join(words[i : i + size]))
            if code:
                self.add("codes", code)
                return i + size
        parts = split_run(upper)
        if parts:
            for part in parts:
                self.add("codes", part)
        elif _free(word):
            self.phrase.append(word)
        else:
            self.add("codes", upper)
        return i + 1

    def _visitor(self, words: list[str], start: int) -> int:
        """After OVIP: two or three unlisted words are the visitor, surname first."""
        end = start
        while end < len(words) and end - start < 3 and not _code_or_country(words[end]):
            end += 1
        name = words[start:end]
        if len(name) < 2 or not all(w.isalpha() for w in name):
            return start
        self.add("people", f"{name[0].upper()}, {' '.join(w.upper() for w in name[1:])}")
        return end


def read_line(text: str) -> TagLine:
    """Codes, people and keywords of a TAGS value (the `TAGS:` label already removed)."""
    out: dict[str, list[str]] = {"codes": [], "people": [], "keywords": []}
    people: list[str] = []
    for inner in PERSON.findall(text):
        name = " ".join(inner.split()).strip(" ,")
        if "," in name:
            people.append(name.upper())
    # A parenthesis that names no one ("KDEM (DEMOCRACY)") is read as words.
    rest = PERSON.sub(lambda m: "," if "," in m.group(1) else f" {m.group(1)} ", text)
    for part in rest.split(","):
        words = [w.strip(" .;:*") for w in part.split()]
        _Reader(out).read([w for w in words if w])
    for name in people:
        if name not in out["people"]:
            out["people"].append(name)
    return TagLine(tuple(out["codes"]), tuple(out["people"]), tuple(out["keywords"]))
