"""The classification in the words the published metadata uses.

Six labels occur: UNCLASSIFIED, UNCLASSIFIED//FOR OFFICIAL USE ONLY,
CONFIDENTIAL, CONFIDENTIAL//NOFORN, SECRET, SECRET//NOFORN (and TOP SECRET).
`UNCLAS` with a SENSITIVE caveat is the FOUO label; a NOFORN caveat adds
//NOFORN. Without a caption the ZNY line's letters (`ZNY SSSSS`) tell it.
"""

from __future__ import annotations

import re

from generator.clean.draft import Draft
from generator.parse.raw import evolve

BY_LETTER = {"U": "UNCLASSIFIED", "E": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET"}
TRANSMISSION = re.compile(r"ZN[RY]\s+([A-Z])\1{2,}")


def _level(words: str) -> str | None:
    squeezed = re.sub(r"\s+", "", words.split("//")[0]).upper()
    if squeezed.startswith("TOPSECRET"):
        return "TOP SECRET"
    if squeezed.endswith("SECRET"):
        return "SECRET"
    if squeezed.startswith("CONFIDENTIAL"):
        return "CONFIDENTIAL"
    if squeezed.startswith("UNCLAS"):
        return "UNCLASSIFIED"
    return None


def decide_classification(draft: Draft) -> Draft:
    """Fill classification from the caption, caveats and transmission line."""
    raw = draft.raw
    level = _level(raw.caption.classification) if raw.caption else None
    notes = draft.notes
    if level is None and raw.routing and raw.routing.transmission:
        match = TRANSMISSION.match(raw.routing.transmission)
        level = BY_LETTER.get(match[1]) if match else None
    if level is None:
        level = "UNCLASSIFIED"
        notes = draft.warn(
            0,
            "no classification line or ZNY/ZNR line found; assumed UNCLASSIFIED "
            "(add a caption such as 'UNCLAS ASTANA 002159')",
        )
    caveats = set(draft.caveats)
    written = raw.caption.classification.upper() if raw.caption else ""
    caveats.update(mark for mark in ("FOR OFFICIAL USE ONLY", "NOFORN") if mark in written)
    if level == "UNCLASSIFIED" and ("SENSITIVE" in caveats or "FOR OFFICIAL USE ONLY" in caveats):
        level = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    elif level in ("CONFIDENTIAL", "SECRET", "TOP SECRET") and "NOFORN" in caveats:
        level += "//NOFORN"
    return evolve(draft, classification=level, notes=notes)
