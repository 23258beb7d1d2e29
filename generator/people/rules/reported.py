"""Rule: a single capitalised word that speaks or owns is a person ("Dobichina noted", "Putin's").

Only words that are not ordinary words, places or organisations qualify, so
"Russia said" and "Google stated" are left alone.
"""

from __future__ import annotations

from generator.people import judge, lexicon
from generator.people.spans import Run, Word


def find(run: Run) -> tuple[Word, ...] | None:
    """The surname that this run makes speak, or None."""
    if run.quoted:
        return None
    if len(run.words) != 1 or not (run.possessive or run.after in lexicon.REPORTING_VERBS):
        return None
    word = run.words[0]
    if run.possessive and (word.kind != "cap" or run.caps):
        return None  # "OSCE's", "USG'S": an acronym, not a surname
    return (word,) if judge.surname_like(word) else None
