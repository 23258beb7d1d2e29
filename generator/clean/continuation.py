"""Numbers that start a line inside a sentence, put back into their paragraph.

The archive marked every line that starts with a number and a full stop as a
new paragraph: `... since he took office in` / `¶2003. Continuity and ...`,
`... on October` / `¶6.  END SUMMARY.`, and the scrape corrupts that mark as it
corrupts real ones (`12003.`). Such a block is the rest of the paragraph before
it when that paragraph stops mid-sentence, the block has no portion mark, and
its number fits neither the paragraph sequence nor a list (see `numbering`).
Its number is read as the paragraph sequence would read it, but loses a
leading `1` only in a body whose numbers are known to be corrupted: a year
that merely starts a line (`1998.`) keeps it.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.numbering import Sequence, decide
from generator.model import Paragraph
from generator.parse.body import SENTENCE_END
from generator.parse.raw import evolve

# Numbers too long for a paragraph number stay in the text: `¶2003. Continuity`.
LONG_NUMBER = re.compile(r"^(¶?\d{4,5})\.(?:\s+|$)")


def _written_number(paragraph: Paragraph) -> tuple[str, str] | None:
    """The number the block starts with as written, and the text after it."""
    if paragraph.number is not None:
        return paragraph.number, paragraph.text
    if paragraph.marking is None and paragraph.kind == "text":
        match = LONG_NUMBER.match(paragraph.text)
        if match:
            return match[1], paragraph.text[match.end() :]
    return None


def _runs_on(before: Paragraph, number: str, marking: str | None) -> bool:
    """Could a block numbered `number` be the rest of `before`'s sentence?"""
    return (
        marking is None
        and before.kind != "heading"
        and number.lstrip("¶").isdigit()
        and not before.text.rstrip().endswith(SENTENCE_END)
    )


def _as_written(written: str, decided: str, seq: Sequence) -> str:
    """The number as the sentence reads it: without `¶`, without a corrupted `1`."""
    token = written.lstrip("¶")
    if written.startswith("¶") or not seq.corrupted:
        return token
    return decided


def rejoin_numbered_lines(draft: Draft) -> Draft:
    """Merge each block cut off at a line-initial number into the paragraph it continues."""
    seq = Sequence()
    paragraphs: list[Paragraph] = []
    for paragraph in draft.paragraphs:
        found = _written_number(paragraph)
        if found is None:
            paragraphs.append(paragraph)
            continue
        written, rest = found
        decision = decide(written, seq)
        if (
            not decision.fits
            and paragraphs
            and _runs_on(paragraphs[-1], written, paragraph.marking)
        ):
            before = paragraphs[-1]
            number = _as_written(written, decision.number, seq)
            text = f"{before.text} {number}. {rest}".rstrip()
            paragraphs[-1] = evolve(before, text=text)
            continue
        if paragraph.number is not None:
            seq = decision.after
        paragraphs.append(paragraph)
    return evolve(draft, paragraphs=tuple(paragraphs))
