"""Rule: the "Classified By:" line names the officer who classified the cable."""

from __future__ import annotations

from functools import lru_cache

from generator.model import ClassifiedBy
from generator.people import judge, spans
from generator.people.rules import full_names, titled
from generator.people.spans import Word


def find(classified_by: ClassifiedBy | None) -> tuple[Word, ...] | None:
    """The classifying officer's name, titles and office codes removed."""
    if classified_by is None or not classified_by.name.strip():
        return None
    return _name_in(classified_by.name)


@lru_cache(maxsize=4096)
def _name_in(text: str) -> tuple[Word, ...] | None:
    # the same officers classify hundreds of cables: read each line once
    caps = text.upper() == text
    found: tuple[Word, ...] | None = None
    for run in spans.runs(text, caps_text=caps):
        found = titled.find(run) or full_names.find(run) or found
        if found and len(found) > 1:
            return found
    if found:
        return found
    alone = [w for run in spans.runs(text, caps_text=True) for w in run.words]
    alone = [w for w in alone if judge.surname_like(w) and not judge.is_acronym(w)]
    return tuple(alone[-1:]) or None
