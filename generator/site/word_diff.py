"""A word-by-word diff between two versions of a cable, redaction-aware.

Only the cleaned paragraphs are compared: the routing header, page-break lines
and line wrapping are gone by then, so a header or page break that only moved
is no change. A paragraph's number and portion mark are words of it, so a
renumbered paragraph shows. A change that swaps a redaction run (`XXXXXXXX`)
for words is a redaction lifted; words swapped for a run, a redaction added.

Pure: difflib's SequenceMatcher over word tokens, paragraph ends as tokens of
their own so a paragraph added or removed is one change, not a reflowed page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from generator.model import Cable

BREAK = "\n"
"""The token between two paragraphs (never a word: words are split on whitespace)."""

# Runs of X as the cable page marks them, the lower-case runs some texts use, and
# the bracketed notes of a later re-redaction ("[Source removed]").
_RUN = re.compile(r"[Xx]{3,}|\[\w+ removed\]", re.IGNORECASE)
_WORD = re.compile(r"\w")
_NOTE_END = re.compile(r"^removed\]\W*$", re.IGNORECASE)
# A page-break line the parser left inside a paragraph ("Rome 00000097 002 of 005"):
# where a page ended is layout, not text.
_PAGE_LINE = re.compile(
    r"\b(?:[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?|[A-Z][a-z'-]+)"
    r"\s+\d{5,8}\s+\d{3}(?:\.\d)?\s+(?:of|OF)\s+\d{3}\b"
)
# A run glued to the end of a sentence ("FM.XXXXXXXXXXXX") is a word of its own.
_GLUED_RUN = re.compile(r"(?<=[.,;:)])(?=[Xx]{3,}\b)")
# Quotes and apostrophes as typeset: a re-typeset text is not a re-worded one.
_TYPESET = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Segment:
    """A run of words the diff shows one way."""

    kind: str
    """"same", "removed", "added", "lifted-was" (the redaction a lift replaced),
    "lifted" (the words it revealed), "redacted-was" (words a new redaction hides),
    "redacted" (that new redaction)."""
    text: str
    redaction: bool = False
    """True when the text is a redaction run, drawn as the cable page draws one."""


@dataclass
class Counts:
    """What changed from one version to the other."""

    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    joined: int = 0
    """Paragraph breaks removed where no word changed (two paragraphs made one)."""
    split: int = 0
    """Paragraph breaks added where no word changed."""
    typeset: int = 0
    """Words whose quotes or apostrophes alone differ (“ for ", ’ for ')."""
    lifted: int = 0
    redacted: int = 0
    wording: int = 0

    def summary(self) -> str:
        """One line: "2 paragraphs added, 1 redaction lifted, wording changed in 3 places"."""
        parts = [
            _n(self.paragraphs_added, "paragraph", "added"),
            _n(self.paragraphs_removed, "paragraph", "removed"),
            _n(self.joined, "paragraph break", "removed"),
            _n(self.split, "paragraph break", "added"),
            _n(self.lifted, "redaction", "lifted"),
            _n(self.redacted, "redaction", "added"),
            f"wording changed in {_n(self.wording, 'place', '')}".rstrip() if self.wording else "",
            f"quotes retypeset in {_n(self.typeset, 'word', '')}".rstrip() if self.typeset else "",
        ]
        said = [p for p in parts if p]
        return ", ".join(said) if said else "no change in the words; only the layout differs"


def _n(count: int, noun: str, verb: str) -> str:
    if not count:
        return ""
    return f"{count} {noun}{'' if count == 1 else 's'} {verb}".rstrip()


@dataclass
class Diff:
    """The diff drawn paragraph by paragraph (as the newer text divides them), and its counts."""

    paragraphs: list[list[Segment]] = field(default_factory=lambda: [[]])
    counts: Counts = field(default_factory=Counts)


def tokens(cable: Cable) -> list[str]:
    """The words of a cable's body, each paragraph led by its number and mark."""
    out: list[str] = []
    for p in cable.paragraphs:
        if out:
            out.append(BREAK)
        if p.number:
            out.append(f"{p.number}.")
        if p.marking:
            out.append(f"({p.marking})")
        text = _GLUED_RUN.sub(" ", _PAGE_LINE.sub(" ", p.text))
        out.extend(_notes_joined(text.split()))
    return out


def _notes_joined(words: list[str]) -> list[str]:
    """Words, a two-word redaction note ("[Source", "removed]") joined into one token."""
    out: list[str] = []
    for w in words:
        if out and out[-1].startswith("[") and " " not in out[-1] and _NOTE_END.match(w):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def is_redaction(word: str) -> bool:
    """A word that is a redaction run, maybe with punctuation ("XXXXXXXXXXXX,")."""
    run = _RUN.search(word)
    return run is not None and not _WORD.search(word[: run.start()] + word[run.end() :])


def diff(old: Sequence[str], new: Sequence[str]) -> Diff:
    """The word diff from token list `old` to `new` (see `tokens`).

    Words are matched with their quotes untypeset; a word that differs only so is
    shown as the newer text has it and counted as typography, not wording.
    """
    out = Diff()
    keys_old = [w.translate(_TYPESET) for w in old]
    keys_new = [w.translate(_TYPESET) for w in new]
    matcher = SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = old[i1:i2], new[j1:j2]
        if op == "equal":
            out.counts.typeset += sum(x != y for x, y in zip(a, b, strict=True))
            _emit(out, b, "same")
            continue
        _count(out.counts, a, b)
        if op == "delete":
            _emit(out, a, "removed")
        elif op == "insert":
            _emit(out, b, "added")
        elif _has_run(a) and not _has_run(b):
            _emit(out, a, "lifted-was")
            _emit(out, b, "lifted")
        elif _has_run(b) and not _has_run(a):
            _emit(out, a, "redacted-was")
            _emit(out, b, "redacted")
        else:
            _emit(out, a, "removed")
            _emit(out, b, "added")
    out.paragraphs = [p for p in out.paragraphs if p]
    return out


def _has_run(words: Sequence[str]) -> bool:
    return any(is_redaction(w) for w in words)


def _count(counts: Counts, a: Sequence[str], b: Sequence[str]) -> None:
    """Account one change: paragraphs, a redaction lifted or added, else wording."""
    if set(a) <= {BREAK} and set(b) <= {BREAK}:
        counts.joined += len(a)
        counts.split += len(b)
    elif BREAK in a or BREAK in b:
        more = b.count(BREAK) - a.count(BREAK)
        counts.paragraphs_added += max(0, more)
        counts.paragraphs_removed += max(0, -more)
        counts.wording += more == 0
    elif _has_run(a) and not _has_run(b):
        counts.lifted += sum(map(is_redaction, a))
    elif _has_run(b) and not _has_run(a):
        counts.redacted += sum(map(is_redaction, b))
    else:
        counts.wording += 1


def _emit(out: Diff, words: Sequence[str], kind: str) -> None:
    """Append words as segments; a paragraph end starts a new paragraph unless removed."""
    run: list[str] = []
    for w in words:
        if w == BREAK:
            _flush(out, run, kind)
            run = []
            if kind not in ("removed", "lifted-was", "redacted-was"):
                out.paragraphs.append([])
            continue
        if is_redaction(w):
            _flush(out, run, kind)
            run = []
            out.paragraphs[-1].append(Segment(kind, w, redaction=True))
            continue
        run.append(w)
    _flush(out, run, kind)


def _flush(out: Diff, run: list[str], kind: str) -> None:
    if run:
        out.paragraphs[-1].append(Segment(kind, " ".join(run)))
