"""The sentence of a paragraph that names a person, for the person page's timeline."""

from __future__ import annotations

import re

from generator.people.names import fold

# A full stop ends a sentence unless it closes an initial ("E."), a title ("Mr.")
# or an abbreviation such as "U.S." (a lower-case letter or digit follows).
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bAmb)(?<!\bGen)(?<!\bCol)"
    r"[.!?][\"'”’)]*\s+(?=[\"“(]?[A-Z0-9¶])"
)


def sentences(text: str) -> list[str]:
    """The paragraph cut into sentences."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return parts


def sentence_for(paragraph_text: str, spellings: tuple[str, ...] | list[str]) -> str:
    """The first sentence of the paragraph that uses one of the spellings ('' if none does)."""
    wanted = [fold(s).lower() for s in spellings if s.strip()]
    for sentence in sentences(paragraph_text):
        folded = fold(sentence).lower()
        for spelling in wanted:
            if re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", folded):
                return sentence
    return ""
