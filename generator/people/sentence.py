"""The sentence of a paragraph that names a person, for the person page's timeline."""

from __future__ import annotations

import re
from functools import lru_cache

from generator.people.names import fold

# A full stop ends a sentence unless it closes an initial ("E."), a title ("Mr.")
# or an abbreviation such as "U.S." (a lower-case letter or digit follows).
# The lookahead comes first so the eight lookbehinds run only at punctuation, not
# at every character of every paragraph.
_SENTENCE_END = re.compile(
    r"(?=[.!?])"
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bAmb)(?<!\bGen)(?<!\bCol)"
    r"[.!?][\"'”’)]*\s+(?=[\"“(]?[A-Z0-9¶])"
)


@lru_cache(maxsize=64)
def sentences(text: str) -> tuple[str, ...]:
    """The paragraph cut into sentences (cached: each person named in it asks again)."""
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return tuple(parts)


def sentence_for(paragraph_text: str, spellings: tuple[str, ...] | list[str]) -> str:
    """The first sentence of the paragraph that uses one of the spellings ('' if none does)."""
    wanted = [fold(s).lower() for s in spellings if s.strip()]
    for sentence in sentences(paragraph_text):
        folded = fold(sentence).lower()
        for spelling in wanted:
            if _has_word(folded, spelling):
                return sentence
    return ""


def _word_char(ch: str) -> bool:
    # What the re module's \w matches in a str pattern.
    return ch.isalnum() or ch == "_"


def _has_word(text: str, word: str) -> bool:
    r"""True when `word` occurs in `text` with no word character either side.

    The same test as re.search(r"(?<!\w)WORD(?!\w)"), without compiling a pattern
    for each of the tens of thousands of names an archive holds.
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_char(text[at - 1])) and (
            end == len(text) or not _word_char(text[end])
        ):
            return True
        at = text.find(word, at + 1)
    return False
