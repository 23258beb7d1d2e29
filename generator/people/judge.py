"""What a single word can be: a title, an ordinary word, an organisation or place, a name part.

Every rule asks these questions; keeping them in one place keeps the rules short
and makes them agree with each other.
"""

from __future__ import annotations

from functools import lru_cache

from generator.people import lexicon
from generator.people.spans import Word


def is_title(word: Word) -> bool:
    """Ambassador, FM, A/S, Mr ..."""
    return word.lower.rstrip(".") in lexicon.titles()


def is_given(word: Word) -> bool:
    """A common given name (Robert, Yevgeniy, Abdul)."""
    return word.lower in lexicon.given_names()


def is_common(word: Word) -> bool:
    """An ordinary word written with a capital (Action, Plan, During)."""
    return word.lower in lexicon.common_words() and word.lower not in lexicon.PARTICLES


_ARTICLES = frozenset(
    ["le", "la", "les", "el", "los", "las", "der", "die", "das", "du", "des", "il", "lo"]
)


def is_not_name(word: Word) -> bool:
    """An organisation, place, nationality or document word ("Russians" too)."""
    return _not_name(word.lower)


@lru_cache(maxsize=1 << 15)
def _not_name(low: str) -> bool:
    # every rule asks this of every word, and a cable repeats its words
    banned = lexicon.not_names()
    if low in banned or low.replace("-", "") in banned:
        return True
    if low.endswith(("ans", "ists", "ites", "urs")) and low[:-1] in banned:
        return True  # Russians, Uighurs
    parts = low.split("-")
    return len(parts) > 1 and any(
        len(p) > 2 and (p in banned or p in lexicon.common_words()) for p in parts
    )


def is_acronym(word: Word) -> bool:
    """A capitalised abbreviation in mixed-case text (OSCE, USAID)."""
    return word.kind == "caps" and not any(c in "AEIOUY" for c in word.text[1:-1])


def can_start(word: Word) -> bool:
    """May this word be the first word of a name?"""
    if word.kind in ("particle", "initial"):
        return word.kind == "initial"
    if is_given(word):
        return True
    if word.lower in _ARTICLES or word.lower.endswith("ship"):
        return False
    return not (is_common(word) or is_not_name(word) or is_title(word) or is_acronym(word))


def name_part(word: Word) -> bool:
    """May this word continue a name already started?"""
    if word.kind in ("particle", "initial") or word.text in lexicon.ROMAN:
        return True
    if word.lower in lexicon.PARTICLES:
        return True
    return not (is_not_name(word) or is_title(word))


def surname_like(word: Word) -> bool:
    """May this word stand alone as a surname?"""
    return (
        len(word.text) > 2
        and word.kind in ("cap", "caps")
        and not is_acronym(word)
        and not (is_common(word) or is_not_name(word) or is_title(word) or is_given(word))
    )
