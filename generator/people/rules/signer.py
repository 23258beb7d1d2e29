"""Rule: the signature at the end of the cable names its signer ("HOAGLAND")."""

from __future__ import annotations

from generator.people import judge, spans
from generator.people.spans import Word


def find(signer: str | None) -> tuple[Word, ...] | None:
    """The signer as name words, surname last, or None when the line is not a name."""
    if not signer:
        return None
    words: list[Word] = []
    for run in spans.runs(signer, caps_text=True):
        for word in run.words:
            if judge.is_title(word) or words and word.text == words[-1].text:
                continue
            words.append(word)
    words = [w for w in words if w.kind != "particle"]
    if not words or len(words) > 4 or len(words[-1].text) < 3 or judge.is_not_name(words[-1]):
        return None
    return tuple(words)
