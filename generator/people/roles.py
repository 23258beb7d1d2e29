"""The roles a person plays in a cable, in the order pages list them, and their words.

The record keeps the field names ("classified_by"); every page shows the words.
"""

from __future__ import annotations

ORDER = ("signer", "classified_by", "tag", "mentioned")

WORDS = {
    "signer": "Signed",
    "classified_by": "Classified by",
    "tag": "In TAGS",
    "mentioned": "Mentioned",
}


def word(role: str) -> str:
    """The role as a page shows it; an unknown role as written."""
    return WORDS.get(role, role)
