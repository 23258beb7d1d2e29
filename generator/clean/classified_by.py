"""The `Classified By:` line: who (name and title) and the reasons.

`Classified By: Qb. John Ordway, reasons 1.4 (B) and (D).` -> name "John
Ordway", reasons "1.4 (B) and (D)". Titles before the name (`Ambassador`,
`POLITICAL COUNSELOR`, `ISN/MTR DIRECTOR`) go to `title`; a short noise token
left by transmission (`Qb.`) is dropped with a warning that quotes it.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.model import ClassifiedBy
from generator.parse.raw import evolve

LABEL = re.compile(r"^\s*(?:\(\w+\)\s*)?CLASSIFIED\s+BY\s*:?\s*", re.IGNORECASE)
REASONS = re.compile(
    r"[,;.]?\s*(?:\bFOR\s+)?\b(?:REASONS?|REAS)\b\s*:?\s*|[,;]\s*(?=(?:E\.?O\.?\s*\d{5}\s*)?1\.[45])",
    re.IGNORECASE,
)
NOISE = re.compile(r"^[A-Z][a-z]\.$")
_TITLES = """
ambassador acting charge d'affaires dcm a/dcm deputy chief of mission political economic
counselor minister minister-counselor officer consul general director assistant secretary
principal poloff polcouns pol/econ section head counsel senior advisor cda the and affairs
special envoy coordinator office regional defense attache management public
"""
TITLE_WORDS = frozenset(_TITLES.split())


def _is_title(word: str) -> bool:
    return word.lower() in TITLE_WORDS or ("/" in word and word.upper() == word)


def parse_classified_by(text: str) -> tuple[ClassifiedBy, str | None]:
    """The parsed line and the noise token dropped from it, if any."""
    body = LABEL.sub("", text, count=1).strip()
    match = REASONS.search(body)
    who, reasons = (body[: match.start()], body[match.end() :]) if match else (body, None)
    parts = [p.strip() for p in re.split(r"[,;]", who) if p.strip()]
    words = parts[0].split() if parts else []
    noise = words.pop(0) if words and NOISE.match(words[0]) and len(words) > 1 else None
    title_words: list[str] = []
    while len(words) > 1 and _is_title(words[0]):
        title_words.append(words.pop(0))
    title = " ".join(title_words + [", ".join(parts[1:])] if parts[1:] else title_words)
    reasons = reasons.strip().rstrip(".").strip() if reasons else None
    return ClassifiedBy(" ".join(words), reasons or None, title or None), noise


def decide_classified_by(draft: Draft) -> Draft:
    """Fill classified_by from its block; a dropped noise token is noted."""
    block = draft.raw.classified_by
    if block is None:
        return draft
    parsed, noise = parse_classified_by(unmark(block.text))
    notes = draft.notes
    if noise:
        notes = draft.warn(block.line, f"dropped transmission noise {noise!r} before the name")
    return evolve(draft, classified_by=parsed, notes=notes)
