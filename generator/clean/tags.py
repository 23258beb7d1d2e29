"""TAGS codes in order: `TAGS: [PGOV](#) [PREL](#)`, `**PHUM PREL**`, `TAGS PGOV, PREL, ZI`.

Codes are split at commas and spaces alike, as the published metadata does
(`USEU BRUSSELS` is two codes); a person tag in parentheses
(`OVIP (STEINBERG, JAMES B.)`) stays one tag.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

LABEL = re.compile(r"^\s*TAGS?\s*:?\s*", re.IGNORECASE)
PERSON = re.compile(r"\(([^()]*)\)")


def split_tags(text: str) -> tuple[str, ...]:
    """The codes of a TAGS value, uppercased, duplicates dropped."""
    people = [" ".join(m.split()).strip(" ,") for m in PERSON.findall(text)]
    rest = PERSON.sub(",", text)
    parts = rest.replace(",", " ").split()
    codes: list[str] = []
    for part in parts:
        code = " ".join(part.split()).strip(" .;").upper()
        if code and code not in codes:
            codes.append(code)
    codes.extend(p.upper() for p in people if p and p.upper() not in codes)
    return tuple(codes)


def decide_tags(draft: Draft) -> Draft:
    """Fill tags from the TAGS block."""
    block = draft.raw.tags
    if block is None:
        return draft
    return evolve(draft, tags=split_tags(LABEL.sub("", unmark(block.text), count=1)))
