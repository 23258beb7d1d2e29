"""The partial-extract notice some archive pages put above the cable text."""

from __future__ import annotations

import re

from generator.parse.raw import RawCable, evolve

NOTICE = re.compile(r"\bpartial extract of the original cable\b", re.IGNORECASE)
# The notice is always above the header; looking further would let a cable
# that quotes the phrase be mistaken for an extract.
SEARCH_LINES = 8


def find_notice(raw: RawCable) -> RawCable:
    """Mark the cable partial and remember the notice line so no other rule reads it."""
    for index, line in enumerate(raw.lines[:SEARCH_LINES]):
        if NOTICE.search(line):
            return evolve(raw, partial=True, notice=index)
    return raw
