"""Rule: a person on the TAGS line, "STEINBERG, JAMES B." or "OVIP (STEINBERG, JAMES B.)"."""

from __future__ import annotations

import re

from generator.people import spans
from generator.people.spans import Word

# Surname first; in parentheses after the visit code, or alone as the clean stage keeps it.
_PERSON_TAG = re.compile(
    r"(?:^|\()\s*([A-Z][A-Za-z'’\- ]+?)\s*,\s*([A-Z][A-Za-z'’.\- ]*?)\s*(?:\)|$)"
)


def find(tag: str) -> tuple[Word, ...] | None:
    """The person a tag names, in reading order, or None for an ordinary tag."""
    match = _PERSON_TAG.search(tag)
    if not match:
        return None
    surname, given = match.groups()
    words = [w for run in spans.runs(f"{given} {surname}", caps_text=True) for w in run.words]
    return tuple(words) or None
