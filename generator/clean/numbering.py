"""Paragraph numbers where the archive corrupted `¶` into `1`.

`11. (U)` is paragraph 1, `110.` is 10 and `1C.` is sub-paragraph C, but a
real paragraph 11 also reads `11.`. The sequence decides: of the number as
written and the number without its leading `1`, the one that fits the
sequence wins. A number fits when it is the paragraph expected next, or a
step of a list inside a paragraph (`1.`, `2.`, `3.` after paragraph 28, which
the corruption writes `11.`, `12.`, `13.`); when neither fits, the one closer
to the paragraph expected next wins (ties keep the number as written). A
number whose `¶` survived is never corrupted.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.clean.draft import Draft
from generator.model import Paragraph
from generator.parse.raw import evolve


@dataclass(frozen=True)
class Sequence:
    """Where the numbering of a body stands before the next number."""

    expected: int = 1
    """The paragraph number expected next."""
    item: int | None = None
    """The list item expected next inside the current paragraph, if a list is open."""
    corrupted: bool = False
    """Has a number of this body fitted only without its leading `1`?"""


@dataclass(frozen=True)
class Decision:
    """What a number token as written stands for at one point of the sequence."""

    number: str
    kind: str
    fits: bool
    """Is it the paragraph expected next or a step of a list (see the module notes)?"""
    after: Sequence
    """The sequence after this number."""


def _rank(value: int, seq: Sequence) -> tuple[int, int]:
    """Lower is a better fit: the expected paragraph, a list step, a list start, the rest."""
    if value == seq.expected:
        return 0, 0
    if seq.item is not None and value == seq.item:
        return 1, 0
    if value == 1:
        return 2, 0
    return 3, abs(value - seq.expected)


def decide(written: str, seq: Sequence) -> Decision:
    """The number, kind and fit of a number token as written, given the sequence so far."""
    kept = written.startswith("¶")
    token = written.lstrip("¶")
    if token.isdigit():
        value = int(token)
        stripped = False
        if not kept and token.startswith("1") and len(token) > 1:
            alternative = int(token[1:])
            if _rank(alternative, seq) < _rank(value, seq):
                value, stripped = alternative, True
        rank = _rank(value, seq)[0]
        if rank == 0 or rank == 3:
            after = Sequence(value + 1, None, seq.corrupted)
        else:
            after = Sequence(seq.expected, value + 1, seq.corrupted)
        if stripped and rank < 3:
            after = evolve(after, corrupted=True)
        return Decision(str(value), "numbered", rank < 3, after)
    if token[:-1].isdigit() and token[-1].isalpha():
        if not kept and token[:-1] == "1":
            return Decision(token[-1], "lettered", True, seq)
        return Decision(str(int(token[:-1])) + token[-1], "numbered", True, seq)
    return Decision(token, "lettered", True, seq)


def renumber(draft: Draft) -> Draft:
    """Replace each written number by the paragraph number it stands for."""
    seq = Sequence()
    paragraphs: list[Paragraph] = []
    for paragraph in draft.paragraphs:
        if paragraph.number is None:
            paragraphs.append(paragraph)
            continue
        decision = decide(paragraph.number, seq)
        seq = decision.after
        number, kind = decision.number, decision.kind
        if number == paragraph.number and kind == paragraph.kind:
            paragraphs.append(paragraph)  # most numbers stand as written: no copy
        else:
            paragraphs.append(evolve(paragraph, number=number, kind=kind))
    return evolve(draft, paragraphs=tuple(paragraphs))
