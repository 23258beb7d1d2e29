"""How a name is written, compared and turned into a URL key.

A name is handled as a tuple of tokens, surname last. `display` writes it the
way the archive shows it; `key` is what two spellings must share to be the
same name; `slug` is the person page's URL key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from generator.people.lexicon import PARTICLES, ROMAN

_INITIAL = re.compile(r"^[A-Z]\.?$")
_KEY_DROP = re.compile(r"[^a-z0-9 ]+")
# Two initials together stay in the key as one word: "George H. W. Bush" and
# "George W. Bush" are two people, while "Susan E. Rice" is "Susan Rice".
_INITIALS = re.compile(r"(?<=[a-z] )[a-z]\.? ?[a-z]\.(?= [a-z])")


def is_initial(token: str) -> bool:
    """True for a bare initial such as "E." or "J"."""
    return bool(_INITIAL.match(token))


def _case(token: str) -> str:
    """Title-case a token written in capitals, keeping McX, O'X and al-X readable."""
    if not token.isupper() or token in ROMAN:
        return token
    parts: list[str] = []
    for part in token.split("-"):
        low = part.lower()
        if low in PARTICLES and parts == [] and "-" in token:
            parts.append(low)
            continue
        word = low.capitalize()
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2:].capitalize()
        if len(word) > 2 and word[1] in "'’":
            word = word[:2] + word[2:].capitalize()
        parts.append(word)
    return "-".join(parts)


@lru_cache(maxsize=1 << 14)
def display(tokens: tuple[str, ...]) -> str:
    """Readable: capitals title-cased, a lone initial dropped (Susan E. Rice -> Susan Rice).

    Cached: a cable names the same people again and again, and so does an archive.
    """
    initial = [is_initial(t) for t in tokens]
    paired = [
        flag and (i > 0 and initial[i - 1] or i + 1 < len(tokens) and initial[i + 1])
        for i, flag in enumerate(initial)
    ]
    # a lone middle initial goes; two together stay (George H. W. Bush)
    kept = [_case(t) for t, i, p in zip(tokens, initial, paired, strict=True) if not i or p]
    if not kept:
        kept = [_case(t) for t in tokens]
    return " ".join(kept)


def fold(text: str) -> str:
    """Strip accents so Jose and José compare equal."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Comparison key: accents, case, initials and punctuation ignored."""
    text = fold(name).lower().replace("-", " ").replace("’", "'").replace("'", "")
    text = _INITIALS.sub(lambda m: " " + m.group().replace(".", "").replace(" ", "") + " ", text)
    words = [w for w in _KEY_DROP.sub(" ", text).split() if len(w) > 1]
    return " ".join(words)


def slug(name: str) -> str:
    """URL key of a person page, e.g. "Robert Blake" -> "robert-blake"."""
    return key(name).replace(" ", "-") or "unknown"


def surname(name: str) -> str:
    """The last word of the comparison key."""
    words = key(name).split()
    return words[-1] if words else ""
