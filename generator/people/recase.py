"""Give a paragraph written wholly in lower case the capitals its names would have.

The rules find names by their capitals; a cable typed in lower case has none.
A word is raised when it is a known given name or a word of a registry name,
or when it follows a title or a raised word and is no ordinary English word
("foreign minister miguel angel moratinos" -> "foreign minister Miguel Angel
Moratinos"). Letters are only raised, never moved, so every offset into the
paragraph stays valid.
"""

from __future__ import annotations

import re

from generator.people import lexicon

_WORD = re.compile(r"[a-z][a-z'’\-]*")
MIN_LETTERS = 20
MAX_CHARS = 20_000
"""Real paragraphs are far shorter; a longer run of lower case is noise, not prose."""


def is_lower_text(text: str) -> bool:
    """A paragraph of some length, but not endless, with no capital letter at all."""
    if len(text) > MAX_CHARS or text.lower() != text:
        return False
    return sum(c.isalpha() for c in text) >= MIN_LETTERS


def recase(text: str, known: frozenset[str] = frozenset()) -> str:
    """The paragraph with its likely names capitalised; `known` are words of registry names."""
    given, common, titles = lexicon.given_names(), lexicon.common_words(), lexicon.titles()
    out: list[str] = []
    last = 0
    raised_before = False
    title_before = False
    for match in _WORD.finditer(text):
        word = match.group()
        gap = text[last : match.start()]
        joined = gap.strip() == ""  # no punctuation between this word and the one before
        follows = joined and (raised_before or title_before)
        name_like = word not in common and word not in titles and word not in lexicon.PARTICLES
        raise_it = word in given or word in known or follows and name_like
        if word in lexicon.PARTICLES and joined and raised_before:
            raise_it = False  # "da" in "lula da silva" stays small, and the name goes on
            raised_before, title_before = True, False
            out.append(gap + word)
            last = match.end()
            continue
        out.append(gap + (word[0].upper() + word[1:] if raise_it else word))
        raised_before, title_before = raise_it, word in titles
        last = match.end()
    out.append(text[last:])
    return "".join(out)
