"""The E.O. line, its declassification date and caveats."""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.clean.markup import unmark
from generator.parse.raw import evolve

EO_LABEL = re.compile(r"^\s*E\s?\.?\s?O\s?\.?\s*:?\s*", re.IGNORECASE)
DECL_DATE = re.compile(
    r"DECL\w*\s*:?\s*(?:(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2,4})"
    r"|(?P<y2>\d{4})/(?P<m2>\d{1,2})/(?P<d2>\d{1,2}))",
    re.IGNORECASE,
)
CAVEAT_SPLIT = re.compile(r"[\s/,]+")
MULTIWORD_CAVEATS = ("INTERNAL USE ONLY", "FOR OFFICIAL USE ONLY", "NOT FOR INTERNET")


def _iso_date(text: str) -> str | None:
    match = DECL_DATE.search(text)
    if not match:
        return None
    year = match["y"] or match["y2"]
    month, day = (match["m"], match["d"]) if match["y"] else (match["m2"], match["d2"])
    full = int(year) if len(year) == 4 else 2000 + int(year)
    if not (1 <= int(month) <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{full:04d}-{int(month):02d}-{int(day):02d}"


def _caveat_words(line: str) -> list[str]:
    upper = " ".join(line.upper().split())
    words: list[str] = []
    for phrase in MULTIWORD_CAVEATS:
        if phrase in upper:
            words.append(phrase)
            upper = upper.replace(phrase, " ")
    words.extend(word for word in CAVEAT_SPLIT.split(upper) if word)
    return words


def decide_header(draft: Draft) -> Draft:
    """Fill eo, declassify and caveats from the header blocks."""
    raw = draft.raw
    eo = EO_LABEL.sub("", unmark(raw.eo.text), count=1).strip() if raw.eo else None
    caveats: list[str] = []
    for line in raw.caveats:
        for word in _caveat_words(unmark(line)):
            if word not in caveats:
                caveats.append(word)
    return evolve(
        draft,
        eo=eo or None,
        declassify=_iso_date(eo) if eo else None,
        caveats=tuple(caveats),
    )
