"""The sentence of a paragraph that names a person, for the person page's timeline."""

from __future__ import annotations

import re
from functools import lru_cache

from generator.people.names import fold

# A full stop ends a sentence unless it closes an initial ("E."), a title ("Mr.")
# or an abbreviation such as "U.S." (a lower-case letter or digit follows).
# The pattern opens with the punctuation itself, so the regex engine skips from
# one stop to the next; the lookbehinds then look back past the stop they follow.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])(?<!\b(?:Mr|Ms|Dr|St)[.!?])(?<!\b(?:Mrs|Amb|Gen|Col)[.!?])"
    r"[\"'”’)]*\s+(?=[\"“(]?[A-Z0-9¶])"
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
    wanted = [_folded(s) for s in spellings if s.strip()]
    if not wanted:
        return ""
    if paragraph_text.isascii():
        found = _ascii_sentence_for(paragraph_text, wanted)
        if found is not None:
            return found
    for sentence, folded in _folded_sentences(paragraph_text):
        for spelling in wanted:
            if spelling in folded and _has_word(folded, spelling):
                return sentence
    return ""


def _ascii_sentence_for(text: str, wanted: list[str]) -> str | None:
    """sentence_for in an ASCII paragraph, cutting sentences only up to the first use.

    Folding ASCII keeps every position, and a sentence is bordered by spaces in
    its paragraph, so a use inside a sentence is a use in the paragraph at the
    same place: the first use in the paragraph lies in the first sentence that
    has one, unless it spans two sentences. That sentence is checked the usual
    way; None (look at every sentence) when the check fails.
    """
    lowered = _lowered(text)
    uses = [at for spelling in wanted if (at := _word_at(lowered, spelling)) >= 0]
    if not uses:
        return ""
    first, start = min(uses), 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > first:
            sentence = text[start : match.end()].strip()
            break
        start = match.end()
    else:
        sentence = text[start:].strip()
    folded = sentence.lower()
    return sentence if any(_has_word(folded, spelling) for spelling in wanted) else None


@lru_cache(maxsize=64)
def _lowered(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=64)
def _folded_sentences(text: str) -> tuple[tuple[str, str], ...]:
    """Each sentence with its folded, lower-case form: every person named asks again."""
    return tuple((sentence, _folded(sentence)) for sentence in sentences(text))


def _folded(text: str) -> str:
    # An ASCII text has no accents to strip: fold would return it unchanged.
    return text.lower() if text.isascii() else fold(text).lower()


def _word_char(ch: str) -> bool:
    # What the re module's \w matches in a str pattern.
    return ch.isalnum() or ch == "_"


def _has_word(text: str, word: str) -> bool:
    r"""True when `word` occurs in `text` with no word character either side.

    The same test as re.search(r"(?<!\w)WORD(?!\w)"), without compiling a pattern
    for each of the tens of thousands of names an archive holds.
    """
    return _word_at(text, word) >= 0


def _word_at(text: str, word: str) -> int:
    """Where `word` first occurs in `text` as a whole word; -1 if nowhere."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _word_char(text[at - 1])) and (
            end == len(text) or not _word_char(text[end])
        ):
            return at
        at = text.find(word, at + 1)
    return -1
