"""REF lines cut into one item per label: `REF: A. A. STATE 169627 ¶B. B. ALMATY 3301`.

Labels are written `A.`, `A)`, `(A)`, `A:`, glued to the item (`(A)STATE 1`,
`C)2008 SAO PAULO 260`), in lower case (`a) ROME 97`), or bare when the first
item starts with a lone `A` (`REF A OSLO 311 B OSLO 290`). They are only
taken in alphabetical order (A, then B, ...), so initials and abbreviations
inside an item (`U.S.`, `J. SMITH`) are never read as labels.
"""

from __future__ import annotations

import re

from generator.parse.raw import RawCable, RawRef, evolve

KEYWORD = re.compile(r"^\s*REF(?:ERENCES?|TELS?|S|\(S\))?(?![A-Z])\.?\s*:?\s*", re.IGNORECASE)
LABEL = re.compile(
    r"(?:^|(?<=[\s;,]))¶?\s*"
    r"(?:\((?P<paren>[A-Za-z])\)(?=[\sA-Za-z0-9])|(?P<half>[A-Za-z])\)(?=[\sA-Za-z0-9(])"
    r"|(?P<dot>[A-Z])[.:](?=\s))"
)
BARE_LABEL = re.compile(r"(?:^|(?<=\s))(?P<dot>[A-Z])(?=\s)")
BARE_START = re.compile(r"^A\s+(?!AND\b)\S")
# `a. LIMA 1 b. LIMA 2`: lower-case letters with a point, only when the first is one.
LOWER_LABEL = re.compile(LABEL.pattern.replace("(?P<dot>[A-Z])", "(?P<dot>[A-Za-z])"))
LOWER_START = re.compile(r"^a\.\s")
# A portion mark before a serial (`AMMAN (C)01234`) is not a label.
PORTION_MARK = re.compile(r"[A-Za-z]\s*$")
# Unlabelled entries are separated by ';', or by ',' before another cable.
UNLABELLED_SPLIT = re.compile(r"\s*;\s*|\s*,\s*(?=(?:\d{2,4}\s*)?[A-Z]{2}[A-Z ]*\s\d)")
# ... or only by the space after a post's serial before the next cable
# ('978 09 SAN SALVADOR 1033', 'SAO PAULO 433 BRASILIA 709'), marked with ';' first.
NEXT_CABLE = re.compile(r"([A-Za-z]\s+\d{1,7})\s+(?!AND\s)(?=(?:\d{2,4}\s?)?[A-Z]{3}[A-Z ]*\s\d)")


def split_refs(raw: RawCable) -> RawCable:
    """One `RawRef` per labelled entry, or per `;`-separated entry when there are no labels."""
    block = raw.refs_block
    if block is None:
        return raw
    text = KEYWORD.sub("", block.text, count=1).replace("\\", "")
    entries = _labelled(text)
    if len(entries) == 1 and entries[0][0] is None:
        entries = [(None, part) for part in UNLABELLED_SPLIT.split(NEXT_CABLE.sub(r"\1; ", text))]
    refs = tuple(
        RawRef(name, " ".join(body.split()).strip(" ;,"), block.line)
        for name, body in entries
        if body.strip(" ;,")
    )
    return evolve(raw, refs=refs)


def _labelled(text: str) -> list[tuple[str | None, str]]:
    """(label, text) per item, labels in alphabetical order; one (None, text) if unlabelled."""
    labels = (
        BARE_LABEL if BARE_START.match(text) else LOWER_LABEL if LOWER_START.match(text) else LABEL
    )
    entries: list[tuple[str | None, str]] = []
    expected, cut, label = "A", 0, None
    for match in labels.finditer(text):
        letter = next(found for found in match.groupdict().values() if found).upper()
        glued = not text[match.end() : match.end() + 1].isspace()
        if letter != expected or (glued and PORTION_MARK.search(text, cut, match.start())):
            continue
        if label is not None or text[cut : match.start()].strip():
            entries.append((label, text[cut : match.start()]))
        label, cut, expected = letter, _past_repeat(text, match.end(), letter), chr(ord(letter) + 1)
    entries.append((label, text[cut:]))
    return entries


def _past_repeat(text: str, end: int, letter: str) -> int:
    """Past a label written twice (`A. A.`, `A. (A)`, `A. A)`), as scraped cables do."""
    repeat = re.compile(rf"\s*(?:\({letter}\)|{letter}[.)])(?=\s)", re.IGNORECASE)
    found = repeat.match(text, end)
    return found.end() if found else end
