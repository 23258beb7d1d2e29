"""Rule: a name after a title "of" an office is a person ("Minister of Defense Alaiwa").

The title and the office are split by a small "of" or "for", so no run of
capitals holds both ("Chief of Military Staff al Qassemi", "Undersecretary of
the Air Force Harlow"): the rule reads the paragraph itself. The office is
one to four ordinary words; the name is the one word (with its particle)
that ends the capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.people import judge, lexicon
from generator.people.spans import Word

_TITLE_OF = re.compile(
    r"\b(?P<title>[A-Z][\w/.\-]*)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?P<office>(?:[A-Z][\w\-]*\s+){1,4})"
    r"(?P<name>(?:(?:al|el|bin|de|del|van|von)[\s\-])?[A-Z][\w\-]+)\b(?![’'\w]|\s+[A-Z])"
)


def find(text: str) -> Iterator[tuple[str, ...]]:
    """The name tokens after each "Title of Office" in the paragraph."""
    if " of " not in text and " for " not in text:
        return
    for match in _TITLE_OF.finditer(text):
        if match.group("title").lower() not in lexicon.titles():
            continue
        office = [Word(w, "cap") for w in match.group("office").split()]
        if not all(_office_word(w) for w in office):
            continue
        tokens = tuple(match.group("name").split())
        if judge.surname_like(Word(tokens[-1].rpartition("-")[2], "cap")):
            yield tokens


def _office_word(word: Word) -> bool:
    return judge.is_common(word) or judge.is_not_name(word) or judge.is_title(word)
