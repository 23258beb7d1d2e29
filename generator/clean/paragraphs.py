"""Body blocks into paragraphs: number or letter, portion mark, kind and text.

`¶3. (SBU) text`, `11. (U) text`, `1C. text`, `¶A. text`, `(C) text`, a
heading line (`MIXED RECORD`, or a line framed by dashes). The number is kept
as written here, with a leading `¶` when the mark survived, because only the
sequence of numbers tells a corrupted `11.` from a real paragraph 11; the
numbering rule that runs next decides.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.model import Paragraph
from generator.parse.body import RULE_LINE
from generator.parse.raw import Block, evolve

PREFIX = re.compile(
    r"^\s*(?P<pil>¶\s*)?(?P<num>\d{1,3}[A-Z]?|[A-Z])\s?[.)]\s+"
    r"(?:\((?P<mark>[A-Za-z]{1,4}(?:/{1,2}[A-Za-z]{1,8})*)\)\s*)?"
)
MARK_ONLY = re.compile(r"^\s*\((?P<mark>[A-Z]{1,4}(?:/{1,2}[A-Z]{1,8})*)\)\s+")
RULE_CHARS = "-=_*"


def _is_heading(lines: list[str], framed: bool) -> bool:
    if len(lines) != 1:
        return False
    text = lines[0].strip()
    if not text or len(text) > 100 or text[-1] in ".,;" or len(text.split()) > 12:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return framed or (len(letters) >= 3 and text.upper() == text)


def to_paragraph(block: Block) -> Paragraph | None:
    """One block as a paragraph, or None when it holds no text (a rule line only)."""
    # A rule line starts with one of RULE_CHARS: test that before the pattern.
    lines = [
        line
        for line in block.lines
        if not (line.lstrip()[:1] in RULE_CHARS and RULE_LINE.match(line))
    ]
    if not lines:
        return None
    framed = len(lines) < len(block.lines)
    text = " ".join([line.strip() for line in lines])
    match = PREFIX.match(text)
    if match:
        number = ("¶" if match["pil"] else "") + match["num"]
        kind = "numbered" if match["num"][0].isdigit() else "lettered"
        mark = match["mark"].upper() if match["mark"] else None
        return Paragraph(number, mark, kind, text[match.end() :].strip(), block.line)
    match = MARK_ONLY.match(text)
    if match:
        return Paragraph(None, match["mark"], "text", text[match.end() :].strip(), block.line)
    kind = "heading" if _is_heading(lines, framed) else "text"
    return Paragraph(None, None, kind, text, block.line)


def build_paragraphs(draft: Draft) -> Draft:
    """Fill paragraphs from the rejoined body blocks."""
    paragraphs = tuple(p for block in draft.blocks if (p := to_paragraph(block)) is not None)
    return evolve(draft, paragraphs=paragraphs)
