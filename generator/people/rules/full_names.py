"""Rule: two or more name-like words in running text are a person ("Iva Dobichina").

Leading headings and descriptions are peeled off first ("Interior Minister",
"Iran Desk Officer"); what is left is a name when it starts with a known given
name, or when none of its words is an ordinary word, and never when one of them
names an organisation or place ("Almaty Helsinki Committee", "Freedom House").
"""

from __future__ import annotations

from generator.people import judge
from generator.people.rules.surname_first import order
from generator.people.spans import Run, Word

MAX_WORDS = 5


def find(run: Run) -> tuple[Word, ...] | None:
    """The full name this run spells, or None."""
    if run.quoted:
        return None
    first = 0  # an index, not pop(0): a hostile run of 100,000 words stays linear
    while first < len(run.words) and not _starts(run.words[first], run.caps):
        first += 1
    words = list(run.words[first:])
    if not run.caps:
        lead = 0
        while lead < len(words) and words[lead].kind == "caps":
            lead += 1
        if lead < len(words) and lead and not judge.is_given(words[lead]):
            words = words[lead:]
    if not words:
        return None
    if not judge.is_given(words[0]) and words[0].kind != "caps":
        later = next((i for i, w in enumerate(words) if i and judge.is_given(w)), 0)
        if later and not run.caps:
            words = words[later:]
    if run.caps:
        words = _caps_name(words)
    while words and words[-1].kind in ("particle", "initial"):
        words.pop()
    # "Hillary Clinton Offers ...": a headline verb after a known given name and surname.
    while len(words) > 2 and judge.is_given(words[0]) and judge.is_common(words[-1]):
        words.pop()
    parts = [w for w in words if w.kind not in ("particle", "initial")]
    if len(parts) < 2 or len(parts) > MAX_WORDS:
        return None
    if any(judge.is_not_name(w) or judge.is_title(w) for w in words):
        return None
    if judge.is_given(words[0]) or not any(judge.is_common(w) for w in parts):
        return order(tuple(words))
    return None


def _starts(word: Word, caps: bool) -> bool:
    if caps:
        return judge.is_given(word)
    return judge.can_start(word) and word.kind != "initial"


def _caps_name(words: list[Word]) -> list[Word]:
    """In capitals text only a given name and the uncommon words after it are trusted."""
    name = words[:1]
    for word in words[1:4]:
        if not judge.name_part(word) or judge.is_common(word) and name[-1].kind != "initial":
            break
        name.append(word)
    return name


def find_given(run: Run) -> tuple[Word, ...] | None:
    """In a heading only a full name that starts with a known given name is trusted."""
    found = find(run)
    return found if found and judge.is_given(found[0]) else None
