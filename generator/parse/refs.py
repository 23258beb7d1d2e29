"""REF lines cut into one entry per reference: `REF: A. A. STATE 169627 ¶B. B. ALMATY 3301`.

Labels are only taken in alphabetical order (A, then B, ...), so initials and
abbreviations inside an entry (`U.S.`, `J. SMITH`) are never read as labels.
"""

from __future__ import annotations

import re

from generator.parse.raw import RawCable, RawRef, evolve

KEYWORD = re.compile(r"^\s*REF(?:S|TEL|TELS|ERENCES?)?\s*:?\s*", re.IGNORECASE)
LABEL = re.compile(r"(?:^|(?<=[\s;,]))¶?\s*\(?([A-Z])[.)]\)?(?:\s*\1[.)])?(?=\s)")
# Unlabelled entries are separated by ';', by ',' before another cable, or
# only by the line break before one that starts with its year ('978 09 SAN SALVADOR 1033').
UNLABELLED_SPLIT = re.compile(
    r"\s*;\s*|\s*,\s*(?=(?:\d{2,4}\s*)?[A-Z]{3,}[A-Z ]*\s\d)"
    r"|(?<=\d)\s+(?=\d{2}\s?[A-Z]{3,}[A-Z ]*\s\d)"
)


def split_refs(raw: RawCable) -> RawCable:
    """One `RawRef` per labelled entry, or per `;`-separated entry when there are no labels."""
    block = raw.refs_block
    if block is None:
        return raw
    text = KEYWORD.sub("", block.text, count=1).replace("\\", "")
    entries: list[tuple[str | None, str]] = []
    expected, cut, label = "A", 0, None
    for match in LABEL.finditer(text):
        if match[1] != expected:
            continue
        if label is not None or text[cut : match.start()].strip():
            entries.append((label, text[cut : match.start()]))
        label, cut, expected = match[1], match.end(), chr(ord(expected) + 1)
    entries.append((label, text[cut:]))
    if len(entries) == 1 and label is None:
        entries = [(None, part) for part in UNLABELLED_SPLIT.split(text)]
    refs = tuple(
        RawRef(name, " ".join(body.split()).strip(" ;,"), block.line)
        for name, body in entries
        if body.strip(" ;,")
    )
    return evolve(raw, refs=refs)
