"""Rule: names written surname-first in capitals ("TRARI Mohamed") are put back in order."""

from __future__ import annotations

from generator.people import judge
from generator.people.spans import Word


def order(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Move a leading capitals surname after the given name that follows it."""
    if len(words) < 2 or words[0].kind != "caps" or words[-1].kind == "caps":
        return words
    split = 0
    while split < len(words) and words[split].kind == "caps":
        split += 1
    if not judge.is_given(words[split]):
        return words
    return words[split:] + words[:split]
