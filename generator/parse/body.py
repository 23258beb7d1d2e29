"""The body cut into blocks: one per paragraph, heading or page-break line.

Blocks end at blank lines and at paragraph marks (`¶3.`, `12. (C)`), because
some sources run paragraphs together without a blank line between them.
Page-break lines (`ASTANA 00002159 001.2 OF 002`) become blocks of their own
so the clean stage can drop them and rejoin the paragraph they cut.

A mark corrupted to a digit (`12.`, `1C.` for `¶2.`, `¶C.`) starts a block as
`¶` does. A heading written on the line after a paragraph's last sentence,
with no blank line between (`... to do so.` / `Comment` / `-------`), is a
block of its own, so it is neither swallowed into that paragraph nor taken
for the text that follows.
"""

from __future__ import annotations

import re

from generator.parse.raw import Block, RawCable, evolve
from generator.parse.signer import TRANSMISSION

PAGE_BREAK = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,30}\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$"
    r"|^\s*PAGE\s+\d{2,3}\s+[A-Z][A-Z ]*?\s+\d{5}\s+\d{2}\s+OF\s+\d{2}\s+\d{6}Z\b",
)
NEW_PARAGRAPH = re.compile(r"^\s*(?:¶|1\d{0,4}[A-Z]?\.(?:\s|$)|\d{1,3}\s?\.\s+\()")
# A line of dashes or the like: it frames or underlines a heading.
RULE_LINE = re.compile(r"^\s*[-=_*]{3,}\s*$")
# How a line or paragraph that ends a sentence (or a clause) ends.
SENTENCE_END = tuple(".!?:;\"')]\u201d\u2019")
# A heading line: a few words, capitalised, not ending like a sentence or a clause.
HEADING_LINE = re.compile(r"^\s*[A-Z][^.,;:!?]{0,58}[^.,;:!?\s-]\s*$")
HEADING_WORDS = 8


def find_body(raw: RawCable) -> RawCable:
    """Cut the lines between the header and the signer into blocks."""
    end = raw.body_end if raw.body_end is not None else len(raw.lines)
    blocks: list[Block] = []
    current: list[str] = []
    first = 0

    def close() -> None:
        if current:
            blocks.append(Block(first + 1, tuple(current)))
            current.clear()

    def split_heading(index: int) -> bool:
        """Close the block before a heading that ends `current`, and the heading's own."""
        nonlocal first
        if not _heading_follows_sentence(current):
            return False
        heading = current.pop()
        close()
        first = index - 1
        current.append(heading)
        return True

    for index in range(raw.body_start, end):
        line = raw.lines[index]
        stripped = line.strip()
        # a transmission line starts with N, B, V, Z or #: most lines skip the regex
        if not stripped or (stripped[0] in "NBVZ#" and TRANSMISSION.match(line)):
            close()
            continue
        # Both patterns need a literal ("OF"; "¶" or "("): most lines skip the regex.
        page = PAGE_BREAK.match(line) if "O" in line and "OF" in line else None
        if page:
            close()
            blocks.append(Block(index + 1, (page[0].strip(),), kind="page"))
            line = line[page.end() :]
            if not line.strip():
                continue
        elif ("(" in line or "¶" in line or stripped[0] == "1") and NEW_PARAGRAPH.match(line):
            if split_heading(index):
                close()
            close()
        elif stripped[0] in "-=_*" and RULE_LINE.match(line) and split_heading(index):
            current.append(line.rstrip())
            close()
            continue
        if not current:
            first = index
        current.append(line.rstrip())
    close()
    return evolve(raw, body=tuple(blocks))


def _heading_follows_sentence(lines: list[str]) -> bool:
    """Is the last of `lines` a heading line after a line that ends a sentence?"""
    if len(lines) < 2 or not lines[-2].rstrip().endswith(SENTENCE_END):
        return False
    last = lines[-1]
    return HEADING_LINE.match(last) is not None and len(last.split()) <= HEADING_WORDS
