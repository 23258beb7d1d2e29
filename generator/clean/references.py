"""REF entries with their cable IDs inferred: `STATE 169627` -> 05STATE169627.

An entry names a cable when it holds a known post and a serial, with or
without its own year (`08 ASTANA 2100`, `08ASTANA2100`, `2005 BUCHAREST 2550`);
without one the referring cable's year is assumed, as the cables themselves do.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.ids import full_year, station_name
from generator.clean.markup import unmark
from generator.model import Reference
from generator.parse.raw import evolve

CABLE = re.compile(
    r"(?<![A-Z0-9])(?:(?P<year>\d{4}|\d{2})\s*)?"
    r"(?P<post>[A-Z][A-Z'.-]*(?:\s[A-Z][A-Z'.-]*){0,3}?)\s*(?P<serial>\d{1,7})(?![\d/])"
)


def reference_id(text: str, year: int | None) -> str | None:
    """The canonical ID of the first cable named in `text`, or None."""
    for match in CABLE.finditer(text.upper()):
        words = match["post"].split()
        # the post may follow other words ("SEE STATE 1234"): take the longest known tail
        for start in range(len(words)):
            post = station_name(" ".join(words[start:]))
            if post:
                own = match["year"]
                ref_year = full_year(own) if own else year
                if ref_year is None:
                    return None
                return f"{ref_year % 100:02d}{post}{int(match['serial'])}"
    return None


def decide_references(draft: Draft) -> Draft:
    """Fill references from the REF entries."""
    refs = tuple(
        Reference(ref.label, text, reference_id(text, draft.year))
        for ref in draft.raw.refs
        if (text := unmark(ref.text).strip())
    )
    return evolve(draft, references=refs)
