"""The section count of the caption (`SECTION 01 OF 02`), kept only for a text that is a section.

A cable too long for one transmission went out in sections, each with its own
caption; the archives mostly publish them joined, under the first caption.
When the text under the first caption also holds the end (the last section's
caption, the last page's line or the signer), it is the whole cable, and
`SECTION 01 OF 02` would misdescribe it.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.parse.raw import RawCable, evolve

COUNT = re.compile(r"SECTION\s+(\d{1,3})\s+OF\s+(\d{1,3})")
# `ASTANA 00002159 002.2 OF 002` (page 2 of 2), `PAGE 03 HARARE 06677 03 OF 03 291401Z`
# (page 3 of section 3 of 3): the part before OF and the total after it.
PAGE_PART = re.compile(r"(?:^PAGE\s+\d+\s+.*?\s|\s)(\d{2,3})(?:\.\d)?\s+OF\s+(\d{2,3})\b")


def _holds_the_end(raw: RawCable) -> bool:
    """Does the text hold its last section's caption, its last page or its signer?"""
    if raw.signer:
        return True
    for block in raw.body:
        if block.kind == "page":
            part = PAGE_PART.search(block.lines[0])
            if part and int(part[1]) == int(part[2]):
                return True
    after = raw.caption_index + 1 if raw.caption_index is not None else 0
    for line in raw.lines[after:]:
        if "SECTION" in line:
            count = COUNT.search(line)
            if count and int(count[1]) == int(count[2]) > 1:
                return True
    return False


def decide_section(draft: Draft) -> Draft:
    """Fill section from the caption unless the text is the whole cable."""
    raw = draft.raw
    section = raw.caption.section if raw.caption else None
    if section and not raw.partial and _holds_the_end(raw):
        section = None
    return evolve(draft, section=section)
