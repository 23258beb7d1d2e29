"""Page-break lines dropped and the paragraphs they (or a stray blank line) cut rejoined.

`16. (SBU) Julia Maliyeva, Chief of Party of USAID's Judicial` / page line /
`Education Project, described ...` is one paragraph. Two blocks are joined
when the first does not end a sentence and the second does not start a new
paragraph (`stated,` / `the enactment ...`); a heading on either side is
never joined, unless the second block starts in lower case.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.parse.body import RULE_LINE
from generator.parse.raw import Block, evolve

SENTENCE_END = frozenset(".!?:\"')]")
# A number of up to five digits: a year cut from its sentence (`12003.`) is left
# to the rule that rejoins numbered lines, which knows the paragraph sequence.
STARTS_PARAGRAPH = re.compile(
    r"^\s*(?:¶|\d{1,5}[A-Z]?\s?[.)](?:\s|$)|[A-Z][.)]\s|\(\w{1,10}\)\s|-)"
)
LOWER_START = re.compile(r"^\s*[a-z(\"$\\]")


def _joinable(before: Block, after: Block) -> bool:
    if before.lines[-1].rstrip()[-1:] in SENTENCE_END or STARTS_PARAGRAPH.match(after.lines[0]):
        return False
    if LOWER_START.match(after.lines[0]):
        return True
    return not _looks_like_heading(before) and not _looks_like_heading(after)


def _looks_like_heading(block: Block) -> bool:
    text = block.text
    short = len(block.lines) == 1 and len(text) < 80
    return (short and text.upper() == text) or any(RULE_LINE.match(line) for line in block.lines)


def rejoin_page_breaks(draft: Draft) -> Draft:
    """Drop page-break blocks and merge the pieces of cut paragraphs."""
    merged: list[Block] = []
    for block in draft.raw.body:
        if block.kind == "page":
            continue
        if merged and _joinable(merged[-1], block):
            merged[-1] = Block(merged[-1].line, merged[-1].lines + block.lines)
        else:
            merged.append(block)
    return evolve(draft, blocks=tuple(merged))
