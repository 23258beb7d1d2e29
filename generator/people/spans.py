"""Cut a paragraph into runs of capitalised words, the raw material of every body rule.

A run is a stretch of words that could belong to one name: capitalised words,
initials, particles such as "von", titles such as "A/S", and in an all-capitals
paragraph every word. Punctuation between words (a comma, a bracket, a dash)
ends a run, and so does a possessive "'s". One pass, one precompiled pattern:
no backtracking, linear in the paragraph's length.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from generator.people import lexicon

_WORD = re.compile(r"[^\W\d_][\w'’.\-/]*")
_SPLIT_INITIAL = re.compile(r"^([A-Z]\.)([A-Z][\w'’\-]+)$")
_CAP = r"(?:[A-Z\u00C0-\u00DE][\w'’.\-/]*|(?:al|el|bin|ibn)-[A-Z][\w'’\-]*)"
_PARTICLE = r"(?:de|da|das|del|della|der|den|di|do|dos|du|la|le|van|von|zu|bin|ibn|bint|al|el)"
_SPACE = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"
# A region: its words (group "chunk", ending in a word) and the lower-case word after it.
_MORE = rf"(?:{_SPACE}(?:{_PARTICLE}{_SPACE})*{_CAP})*"
_AFTER = rf"(?:{_SPACE}(?P<after>[a-z]+))?"
_REGION = re.compile(rf"(?<![\w'’])(?P<chunk>{_CAP}{_MORE}){_AFTER}")
# The same regions when the text holds no "al-", "el-", "bin-" or "ibn-": each then
# starts at a capital, and a pattern that opens with a character class lets the
# regex engine skip from capital to capital instead of trying every position.
_CAPITAL_REGION = re.compile(
    rf"(?P<chunk>[A-Z\u00C0-\u00DE](?<![\w'’].)[\w'’.\-/]*{_MORE}){_AFTER}"
)
_REDACTED = re.compile(r"^[Xx]{3,}")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "amb",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sen",
        "rep",
        "prof",
        "sgt",
        "brig",
    ]
)


@dataclass(frozen=True)
class Word:
    """One word of a run, punctuation and possessive removed."""

    text: str
    kind: str
    """"cap" (Blake), "caps" (BLAKE), "initial" (E.), "particle" (von)."""
    lower: str = ""
    """The text in lower case, computed once (every rule asks for it)."""

    def __post_init__(self) -> None:
        if not self.lower:
            object.__setattr__(self, "lower", self.text.lower())


@dataclass(frozen=True)
class Run:
    """Consecutive name-like words of one paragraph."""

    words: tuple[Word, ...]
    after: str
    """The lower-case word right after the run ("" at a punctuation break)."""
    caps: bool
    """True when the paragraph is written in capitals."""
    possessive: bool = False
    quoted: bool = False
    """True when the run is wrapped in quotation marks: a title of a paper or book."""
    tail: str = ""
    """The text right after the run (a few characters), for appositions: ", the head of"."""
    before: str = ""
    """The lower-case word right before the run: a title written small ("Druze leader")."""


_LOWER = string.ascii_lowercase.encode()
_UPPER = string.ascii_uppercase.encode()


def is_caps_text(text: str) -> bool:
    """True when most letters are capitals (the older, all-capitals cables)."""
    # Only ASCII letters are counted, so the sample is taken as ASCII bytes:
    # deleting bytes is several times cheaper than translating characters.
    sample = text[:300].encode("ascii", "ignore")
    lower = len(sample) - len(sample.translate(None, _LOWER))
    upper = len(sample) - len(sample.translate(None, _UPPER))
    return upper + lower >= 20 and upper > 4 * lower


def _kind(raw: str, caps_text: bool) -> str | None:
    if _REDACTED.match(raw) or "/" in raw and raw.lower() not in lexicon.titles():
        return None
    if "." in raw[:-1]:
        return None  # "U.S.", "U.S....the": abbreviations and run-together text
    if len(raw) <= 2 and raw[0].isupper() and raw.endswith(".") or len(raw) == 1 and raw.isupper():
        return "initial"
    low = raw.lower()
    if low in lexicon.PARTICLES and (raw.islower() or caps_text and raw.isupper()):
        return "particle"
    head, _, tail = raw.partition("-")
    if head in lexicon.PARTICLES and tail[:1].isupper():
        return "cap"
    if raw.islower():
        return "particle" if low in lexicon.PARTICLES else None
    if raw.isupper():
        if caps_text or low in lexicon.titles() or raw in lexicon.ROMAN:
            return "caps"
        return "caps" if len(raw.replace("-", "")) >= 4 else None
    return "cap" if raw[0].isupper() else None


@lru_cache(maxsize=1 << 16)
def _word(raw: str, caps_text: bool) -> Word | None:
    """The Word a token makes, or None; cached because cables repeat their words.

    Words are immutable, so one instance can be shared by every run that holds it.
    """
    kind = _kind(raw, caps_text)
    if kind is None:
        return None
    word = raw.rstrip(".") if kind != "initial" else raw
    return Word(word, kind, word.lower())


def _tokens(text: str) -> Iterator[tuple[str, bool, bool]]:
    """(word, break before, possessive) for every word of the text."""
    last_end = 0
    pending_break = True
    for m in _WORD.finditer(text):
        raw = m.group()
        gap = text[last_end : m.start()]
        brk = pending_break or bool(gap.strip())
        last_end = m.end()
        pending_break = False
        possessive = False
        if raw.endswith(".") and len(raw) > 2 and raw[:-1].lower() not in _ABBREVIATIONS:
            raw, pending_break = raw.rstrip("."), True
        if raw[-2:].lower() in ("'s", "’s"):
            raw, possessive, pending_break = raw[:-2], True, True
        elif raw.endswith(("'", "’")):
            raw = raw[:-1]
        raw = raw.strip("-/")
        if not raw:
            continue
        split = _SPLIT_INITIAL.match(raw)
        if split:
            yield split.group(1), brk, False
            yield split.group(2), False, possessive
            continue
        yield raw, brk, possessive


def runs(text: str, caps_text: bool | None = None) -> Iterator[Run]:
    """Every run of name-like words in `text`, in order."""
    if caps_text is None:
        caps_text = is_caps_text(text)
    # One-character tests first: a two-character one scans many times slower,
    # and many paragraphs hold no hyphen at all.
    hyphen = "-" in text
    if hyphen:
        text = text.replace("--", " — ")
    if caps_text:
        for run in _plain_runs(text, True, ""):
            yield from _caps_chunks(run)
        return
    verbs, titles = lexicon.REPORTING_VERBS, lexicon.titles()
    regions = _REGION if hyphen and ("l-" in text or "n-" in text) else _CAPITAL_REGION
    for region in regions.finditer(text):
        chunk, after = region.groups()
        kind = _region_kind(chunk) if len(chunk) <= CACHED_REGION else _kind_of(chunk)
        if kind == _ORDINARY:
            continue
        # A lone word matters only when it speaks or owns ("Blake said", "Putin's"),
        # or follows a title written small ("minister Kouchner").
        if kind == _LONE and after not in verbs and _before(text, region.start()) not in titles:
            continue
        start = region.start()
        end = region.start("after") if after else region.end()
        after = after or ""
        quoted = text[start - 1 : start] in ('"', "“") and text[end : end + 1] in ('"', "”")
        yield from _plain_runs(
            chunk, False, after, quoted, text[end : end + 32], _before(text, start)
        )


_PUNCTUATED = re.compile(r"[.'’/\-\n]")


_ORDINARY, _LONE, _KEPT = 0, 1, 2
"""What a region's words alone say: ordinary words only (skipped unbuilt), a lone
word that neither owns nor is known (kept if it speaks or follows a title), or
worth cutting into runs."""


CACHED_REGION = 256
"""Regions up to this many characters are cached: names and titles are short,
and a hostile text's endless regions must not fill memory."""


def _kind_of(chunk: str) -> int:
    """_ORDINARY, _LONE or _KEPT for a region's words."""
    if " " in chunk or "\n" in chunk:
        skip = lexicon.never_in_names()
        # "The Action Plan", "In the OSCE": ordinary words and acronyms only
        return _ORDINARY if all(_skippable(w, skip) for w in chunk.split()) else _KEPT
    word = chunk.rstrip(".,;:")
    owns = word[-2:].lower() in ("'s", "’s")
    if (word[:-2] if owns else word).lower() in lexicon.never_in_names():
        return _ORDINARY  # most lone words are ordinary words starting a sentence
    return _KEPT if owns else _LONE


# cached, as sentences start with the same few words all through a cable and across cables
_region_kind = lru_cache(maxsize=1 << 14)(_kind_of)


_SPACE_OR_LOWER = frozenset(" \t" + string.ascii_lowercase)


def _before(text: str, start: int) -> str:
    """The lower-case word just before position `start`, if any."""
    if text[start - 1 : start] not in (" ", "\t"):
        return ""  # most runs open a paragraph or follow punctuation
    if start > 1 and text[start - 2] not in _SPACE_OR_LOWER:
        return ""  # one space after punctuation or a capital: the common case
    # The lower-case letters ending the 24 characters before `start`, once the
    # spaces and tabs are stripped: what r"([a-z]+)[ \t]+$" finds there.
    window = text[start - 24 if start > 24 else 0 : start].rstrip(" \t")
    return window[len(window.rstrip(string.ascii_lowercase)) :]


def _skippable(word: str, skip: frozenset[str]) -> bool:
    word = word.rstrip(".,;:")
    if word.isupper() and len(word) <= 5 and word.lower() not in lexicon.titles():
        return True  # an acronym (OSCE, USAID) in mixed-case text
    return word.lower() in skip


def _caps_chunks(run: Run) -> Iterator[Run]:
    """Cut a capitals sentence at ordinary words and verbs, and before each title."""
    current: list[Word] = []
    common, given, titles = lexicon.common_words(), lexicon.given_names(), lexicon.titles()
    for word in run.words:
        low = word.lower
        stop = low not in given and (
            low in common
            and low not in titles
            and low not in lexicon.PARTICLES
            or low in lexicon.REPORTING_VERBS
            or low.endswith(("ed", "ing", "ly"))
        )
        if stop:
            if current:
                yield Run(tuple(current), low, True)
            current = []
            continue
        if low in titles and current and current[-1].lower not in titles:
            yield Run(tuple(current), "", True)
            current = []
        current.append(word)
    if current:
        yield Run(tuple(current), run.after, True, run.possessive)


def _plain_runs(
    text: str,
    caps_text: bool,
    after_region: str,
    quoted: bool = False,
    tail: str = "",
    before: str = "",
) -> Iterator[Run]:
    # A region's cut depends on its words alone, and names and titles recur all
    # through a cable and across cables: regions are cut once; a capitals
    # paragraph is cut whole, as it seldom recurs.
    cached = not caps_text and len(text) <= CACHED_REGION
    cut = _cut_region(text) if cached else _cut(text, caps_text)
    for index, (words, after, possessive, last) in enumerate(cut):
        yield Run(
            words,
            after_region if after is None else after,
            caps_text,
            possessive,
            quoted,
            tail if last else "",
            before if index == 0 else "",
        )


_Cut = tuple[tuple[Word, ...], str | None, bool, bool]
"""A run before its place is known: words, the word after it (None: the word
after the region), possessive, and whether it ends the text."""


@lru_cache(maxsize=1 << 14)
def _cut_region(text: str) -> tuple[_Cut, ...]:
    return _cut(text, False)


def _cut(text: str, caps_text: bool) -> tuple[_Cut, ...]:
    """The text's words cut into runs at breaks, non-name words and possessives."""
    current: list[Word] = []
    produced: list[_Cut] = []
    possessive = False

    def close(after: str | None, last: bool = False) -> None:
        while current and current[-1].kind == "particle":
            current.pop()
        if current:
            produced.append((tuple(current), after, possessive, last))
            current.clear()

    simple = not caps_text and not _PUNCTUATED.search(text)
    tokens = ((w, False, False) for w in text.split()) if simple else _tokens(text)
    for raw, brk, poss in tokens:
        built = _word(raw, caps_text)
        kind = built.kind if built else None
        if brk or kind is None:
            close("" if brk else raw.lower())
            possessive = False
        if built is None or kind == "particle" and not current:
            continue
        current.append(built)
        if poss:
            possessive = True
            close("")
            possessive = False
    ended = text.rstrip().endswith((".", ",", ";", ":"))
    close("" if ended else None, last=True)
    return tuple(produced)


def split_lists(run: Run) -> Iterator[Run]:
    """Cut a run listing several people ("Kimberly Crusey Trish Johnson") at each given name."""
    words = run.words
    if run.caps or len(words) < 5:
        yield run
        return
    given = lexicon.given_names()
    cuts = [
        i
        for i in range(2, len(words))
        if words[i].lower in given
        and words[i - 1].lower not in given
        and words[i - 1].kind not in ("particle", "initial")
    ]
    if not cuts:
        yield run
        return
    bounds = [0, *cuts, len(words)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        last = b == len(words)
        yield Run(
            words[a:b],
            run.after if last else "",
            False,
            run.possessive and last,
            run.quoted,
            run.tail if last else "",
        )
