"""TAGS codes in order: `TAGS: [PGOV](#) [PREL](#)`, `**PHUM PREL**`, `TAGS PGOV, PREL, ZI`.

Codes are split at commas and spaces alike, as the published metadata does
(`USEU BRUSSELS` is two words); what is not a code on the line goes to the
cable's tag people and keywords (see `tag_words`).
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.clean.tag_words import read_line
from generator.parse.raw import evolve

LABEL = re.compile(r"^\s*TAGS?\s*:?\s*", re.IGNORECASE)


def decide_tags(draft: Draft) -> Draft:
    """Fill tags, tag people and keywords from the TAGS block."""
    block = draft.raw.tags
    if block is None:
        return draft
    line = read_line(LABEL.sub("", unmark(block.text), count=1))
    return evolve(draft, tags=line.codes, tag_people=line.people, keywords=line.keywords)
