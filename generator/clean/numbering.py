"""Paragraph numbers where the archive corrupted `¶` into `1`.

`11. (U)` is paragraph 1, `110.` is 10 and `1C.` is sub-paragraph C, but a
real paragraph 11 also reads `11.`. The sequence decides: of the number as
written and the number without its leading `1`, the one closer to the
paragraph expected next wins (ties keep the number as written). A number
whose `¶` survived is never corrupted.
"""

from __future__ import annotations

from generator.clean.draft import Draft
from generator.model import Paragraph
from generator.parse.raw import evolve


def _decide(written: str, expected: int) -> tuple[str, str]:
    """(number, kind) for a number token as written, given the number expected next."""
    kept = written.startswith("¶")
    token = written.lstrip("¶")
    if token.isdigit():
        value = int(token)
        if not kept and token.startswith("1") and len(token) > 1:
            alternative = int(token[1:])
            if abs(alternative - expected) < abs(value - expected):
                value = alternative
        return str(value), "numbered"
    if token[:-1].isdigit() and token[-1].isalpha():
        if not kept and token[:-1] == "1":
            return token[-1], "lettered"
        return str(int(token[:-1])) + token[-1], "numbered"
    return token, "lettered"


def renumber(draft: Draft) -> Draft:
    """Replace each written number by the paragraph number it stands for."""
    expected = 1
    paragraphs: list[Paragraph] = []
    for paragraph in draft.paragraphs:
        if paragraph.number is None:
            paragraphs.append(paragraph)
            continue
        number, kind = _decide(paragraph.number, expected)
        if number.isdigit():
            expected = int(number) + 1
        if number == paragraph.number and kind == paragraph.kind:
            paragraphs.append(paragraph)  # most numbers stand as written: no copy
        else:
            paragraphs.append(evolve(paragraph, number=number, kind=kind))
    return evolve(draft, paragraphs=tuple(paragraphs))
