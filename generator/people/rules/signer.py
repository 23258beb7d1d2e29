"""Rule: the signature at the end of the cable names its signer ("HOAGLAND").

The parser's signer line is used when it found one; otherwise the last lines of
the raw text are read the same way, skipping the website notices, end marks and
classification lines that often follow the signature.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.people import judge, spans
from generator.people.spans import Word

_TAIL_SKIP = re.compile(
    r"^(?:https?:|visit|please visit|you can also|state department|\*|>|\.+$|nnnn|end\b)|"
    r"^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|UNCLAS|NOFORN|SIPDIS|SENSITIVE)\b[\s/A-Z]*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"(?:^|[.)\]]\s+)([A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?)\s*$")


def from_raw(raw: str) -> str | None:
    """The signature at the end of the raw text, when the parser did not give one."""
    lines = [line.strip() for line in raw.strip().splitlines()[-8:]]
    for line in reversed(lines):
        if not line or _TAIL_SKIP.search(line):
            continue
        match = _SIGNATURE.search(line)
        return match.group(1) if match else None
    return None


def find(signer: str | None, raw: str = "") -> tuple[Word, ...] | None:
    """The signer as name words, surname last, or None when the line is not a name."""
    signer = signer or from_raw(raw)
    return _name_in(signer) if signer else None


@lru_cache(maxsize=4096)
def _name_in(signer: str) -> tuple[Word, ...] | None:
    # a post's cables are signed by the same few people: read each signature once
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
