"""Scrape artefacts in paragraph text: Markdown undone, stray `¶` marks removed.

A `¶` inside a sentence (`before ¶2011`) is the archive's paragraph-mark
replacement gone wrong, never cable text.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

SPACES = re.compile(r"\s{2,}|[\t\n\r\f\v]")
STRAY_MARK = re.compile(r"(?<=\s)¶\s*(?=\d)")


def clean_text(text: str) -> str:
    """Paragraph text without scrape markup; idempotent."""
    text = unmark(text)
    if "¶" in text:
        text = STRAY_MARK.sub("", text)
    if "  " in text or "\n" in text or "\t" in text or "\xa0" in text:
        text = SPACES.sub(" ", text)
    return text.strip()


def undo_scrape(draft: Draft) -> Draft:
    """Clean every paragraph's text."""
    paragraphs = tuple(evolve(p, text=clean_text(p.text)) for p in draft.paragraphs)
    return evolve(draft, paragraphs=paragraphs)
