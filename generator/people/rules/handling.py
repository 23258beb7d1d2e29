"""Rule: distribution lines name the people a cable is passed to.

"NSC FOR SENIOR AFRICA DIRECTOR GAYLE SMITH", "L/LEI FOR KEN PROPP AND MARK
KULISH", "STATE FOR NEA/MAG (HARRIS)": after FOR, PASS TO or FROM the line
lists offices and people; office codes are short, vowel-less or known words,
people are a given name with a surname, a title with a name, or a surname in a
list of surnames.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from generator.people import judge, spans
from generator.people.rules import full_names, titled
from generator.people.spans import Word

_AFTER = re.compile(r"\b(?:FOR|PASS TO|FROM|ATTN:?)\s+(.*)$", re.IGNORECASE)
_BRACKETED = re.compile(r"\(([A-Z][A-Z .'\-]+)\)")
_CHUNKS = re.compile(r",|\bAND\b|/|\(|\)|;|\s-+\s", re.IGNORECASE)
_ONSETS = frozenset(
    [
        "bl",
        "br",
        "ch",
        "cl",
        "cr",
        "dr",
        "dw",
        "fl",
        "fr",
        "gl",
        "gr",
        "kh",
        "kl",
        "kr",
        "ph",
        "pl",
        "pr",
        "qu",
        "sc",
        "sh",
        "sk",
        "sl",
        "sm",
        "sn",
        "sp",
        "st",
        "sw",
        "th",
        "tr",
        "tw",
        "wh",
        "wr",
        "zh",
        "ts",
    ]
)


def find(line: str) -> Iterator[tuple[Word, ...]]:
    """Every person named in one distribution line."""
    yield from _found(line)


@lru_cache(maxsize=4096)
def _found(line: str) -> tuple[tuple[Word, ...], ...]:
    # The same distribution lines ("STATE FOR EUR/RUS") recur in thousands of
    # cables, and what they name depends on the line alone.
    return tuple(_people(line))


def _people(line: str) -> Iterator[tuple[Word, ...]]:
    match = _AFTER.search(line)
    listed = match.group(1) if match else " / ".join(_BRACKETED.findall(line))
    for chunk in _CHUNKS.split(listed):
        yield from _chunk_people(chunk.strip())


@lru_cache(maxsize=4096)
def _chunk_people(chunk: str) -> tuple[tuple[Word, ...], ...]:
    # Lines differ in the offices they combine, but each office or name recurs
    # in thousands of lines: what one piece names is read once.
    return tuple(_named(chunk))


def _named(chunk: str) -> Iterator[tuple[Word, ...]]:
    runs = list(spans.runs(chunk, caps_text=True))
    for run in runs:
        found = titled.find(run) or full_names.find(run)
        if found:
            yield found
        elif len(runs) > 1:
            continue  # a lone word is a surname only when it is the whole chunk
        elif (
            len(run.words) == 1
            and _lone_surname(run.words[0])
            or len(run.words) == 2
            and all(_lone_surname(w) for w in run.words)
            or run.words[0].kind == "initial"
            and _lone_surname(run.words[-1])
        ):
            yield run.words


def _lone_surname(word: Word) -> bool:
    text = word.text.lower()
    if len(text) < 5 or not judge.surname_like(word) or judge.is_acronym(word):
        return False
    if not any(c in "aeiouy" for c in text):
        return False
    return text[0] in "aeiouy" or text[1] in "aeiouy" or text[:2] in _ONSETS
