"""Rule: a name after a title is a person ("Ambassador Robert Ford", "A/S Blake", "FM Tokayev").

The last title of the run wins, so "Deputy Foreign Minister Ryabkov" and "EGIS
Chief Soliman" both give the name after it. One word after a title is enough,
unless it is an ordinary word ("the Secretary General Assembly").
"""

from __future__ import annotations

from generator.people import judge, lexicon
from generator.people.rules.surname_first import order
from generator.people.spans import Run, Word


def find(run: Run) -> tuple[Word, ...] | None:
    """The name a title introduces in this run, or None."""
    words = run.words
    last = max((i for i, w in enumerate(words[:-1]) if judge.is_title(w)), default=-1)
    if last < 0 and run.before in lexicon.titles() and not run.caps:
        rest = words  # a title written small: "Druze leader Jumblatt", "minister Kouchner"
    elif last < 0:
        return None
    else:
        rest = words[last + 1 :]
    if not judge.can_start(rest[0]) or rest[0].kind == "initial":
        return None
    name = [rest[0]]
    for word in rest[1:]:
        if not judge.name_part(word):
            break
        if run.caps and _ends_like_verb(word) or judge.is_common(word) and not _after_given(name):
            break
        name.append(word)
    while name and (
        name[-1].kind == "particle"
        or len(name) > 1
        and judge.is_common(name[-1])
        and not _after_given(name[:-1])
    ):
        name.pop()
    if not name or name[-1].kind == "initial":
        return None  # a name cut short, as in General Robert T. "Buzz" Allen
    return order(tuple(name))


def _after_given(name: list[Word]) -> bool:
    last = name[-1]
    return last.kind == "initial" or judge.is_given(last)


def _ends_like_verb(word: Word) -> bool:
    """In capitals text "RICE AFFIRMED": a word ending -ED/-ING/-LY is not a surname."""
    return word.lower.endswith(("ed", "ing", "ly")) and not judge.is_given(word)
