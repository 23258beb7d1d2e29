"""Scrape artefacts in paragraph text: Markdown undone, stray `¶` marks removed.

A `¶` inside a sentence (`before ¶2011`) is the archive's paragraph-mark
replacement gone wrong, never cable text.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import Paragraph
from generator.parse.raw import evolve

SPACES = re.compile(r"\s{2,}|[\t\n\r\f\v]")
# The ASCII whitespace SPACES leaves alone when it stands single; in a text
# without these, SPACES and then strip is what splitting and joining gives.
SEPARATORS = "\x1c\x1d\x1e\x1f"
STRAY_MARK = re.compile(r"(?<=\s)¶\s*(?=\d)")


def clean_text(text: str) -> str:
    """Paragraph text without scrape markup; idempotent."""
    text = unmark(text)
    if "¶" in text:
        text = STRAY_MARK.sub("", text)
    if "  " in text or "\n" in text or "\t" in text or "\xa0" in text:
        if text.isascii() and not any(c in text for c in SEPARATORS):
            # Every run of spaces to one, single tabs and newlines to a space, ends
            # stripped: the pattern stops at every space of a long paragraph and
            # costs ten times as much.
            return " ".join(text.split())
        text = SPACES.sub(" ", text)
    return text.strip()


def _cleaned(paragraph: Paragraph) -> Paragraph:
    text = clean_text(paragraph.text)
    # most paragraphs hold no scrape artefact: keep them rather than copy them
    return paragraph if text == paragraph.text else evolve(paragraph, text=text)


def undo_scrape(draft: Draft) -> Draft:
    """Clean every paragraph's text."""
    paragraphs = tuple(_cleaned(p) for p in draft.paragraphs)
    return evolve(draft, paragraphs=paragraphs)
