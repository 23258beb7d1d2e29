"""Distribution lines (`STATE FOR SCA/CEN, DRL`), each whole across the source's line breaks.

The cable wraps a long distribution line where the line is full, so a phrase
is cut in two: `USDOC FOR ITA/MAC/ONE (LUCAS HALE), ADVOCACY CTR` /
`(WENDT), AND CLDP (OKAFOR AND BRILL)`. A line that opens with an
addressee of its own (`L/LEI FOR ...`) always stands alone; any other line
continues the one before it when that one is left open (a comma, a
connecting word, an unclosed parenthesis), when it opens with a parenthesis,
a connecting word or a small letter, or when it names no addressee after a
line wrapped full.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

OPEN_END = re.compile(r"(?:[,&/;-]|\b(?:AND|OR|FOR|TO|ALSO|OF))\s*$", re.I)
CONTINUES = re.compile(r"^\s*(?:[(a-z]|(?:AND|OR|ALSO|PLUS)\b)")
# A line of its own however the one before ends: `L/LEI FOR RUTH ENG`.
OWN_LINE = re.compile(r"^\s*\S+(?:\s+\S+){0,2}?\s+(?:ALSO\s+)?(?:FOR|PASS)\b", re.I)
# What a distribution line of its own says: who it is for, or to pass it on.
ADDRESSED = re.compile(r"\b(?:FOR|PASS|TO|INFO)\b|:", re.I)
# A line this long was wrapped where it was full, not ended.
WRAPPED = 55


def _continues(before: str, line: str) -> bool:
    if OWN_LINE.match(line) and not CONTINUES.match(line):
        return False
    if OPEN_END.search(before) or before.count("(") > before.count(")"):
        return True
    if CONTINUES.match(line):
        return True
    return len(before) >= WRAPPED and not ADDRESSED.search(line)


def join_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The distribution lines with each wrapped one joined to the line it continues."""
    joined: list[str] = []
    for line in lines:
        text = " ".join(unmark(line).split())
        if not text:
            continue
        if joined and _continues(joined[-1], text):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return tuple(joined)


def decide_handling(draft: Draft) -> Draft:
    """Fill handling from the distribution lines between the caption and TAGS."""
    return evolve(draft, handling=join_lines(draft.raw.handling))
