"""People extraction for one cable: run the rules, merge spellings, apply the registry.

    cable = people.find(cable, registry)

The rules run from the visible lists below, structured fields first (they are the
most reliable), then the body rules on every run of capitalised words. A surname
used alone ("Blake expressed concern") is the person introduced with that surname
earlier in the same cable; the registry then maps spellings to canonical names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice

from generator.model import Cable, Mention, Paragraph
from generator.parse.raw import evolve
from generator.people import judge, lexicon, names, spans
from generator.people.registry import Entry, Registry
from generator.people.rules import (
    classified_by,
    full_names,
    handling,
    reported,
    signer,
    tags,
    titled,
)
from generator.people.spans import Run, Word

BODY_RULES: tuple[Callable[[Run], tuple[Word, ...] | None], ...] = (
    titled.find,
    full_names.find,
    reported.find,
)
"""Tried in order on every run; the first that finds a name wins."""

HEADING_RULES = (titled.find, full_names.find_given)
"""Headings are written in title case: only a title or a known given name is trusted there."""

ROLE_ORDER = ("signer", "classified_by", "tag", "mentioned")


@dataclass(frozen=True)
class Candidate:
    """One name found by one rule at one place."""

    tokens: tuple[str, ...]
    role: str
    anchor: str | None
    weak: bool = False
    """Found only because its words look like a name: kept if the cable uses the surname again."""

    @property
    def display(self) -> str:
        """The name as shown."""
        # By hand: functools.cached_property locks on every read before Python 3.12.
        cached: str | None = self.__dict__.get("_display")
        if cached is None:
            cached = names.display(self.tokens)
            self.__dict__["_display"] = cached
        return cached


@dataclass
class _Person:
    """A person being assembled from the candidates of one cable."""

    display: str
    key: str
    roles: set[str] = field(default_factory=set)
    anchors: list[str] = field(default_factory=list)
    spellings: list[str] = field(default_factory=list)
    words: tuple[str, ...] = field(init=False)
    """The key's words, split once: every candidate of the cable is compared with them."""

    def __post_init__(self) -> None:
        self.words = tuple(self.key.split())

    def add(self, role: str, anchor: str | None, spelling: str) -> None:
        self.roles.add(role)
        if anchor and anchor not in self.anchors:
            self.anchors.append(anchor)
        if spelling not in self.spellings:
            self.spellings.append(spelling)


def anchor(paragraph: Paragraph) -> str | None:
    """The paragraph's anchor on the cable page, e.g. "p3", "pC"."""
    return f"p{paragraph.number}" if paragraph.number else None


def is_heading(paragraph: Paragraph) -> bool:
    """A heading line: marked so by the parser, or short, unpunctuated and title-cased."""
    if paragraph.kind == "heading":
        return True
    if paragraph.number or len(paragraph.text) > 90 or paragraph.text.rstrip()[-1:] in ".:;":
        return False
    words = paragraph.text.split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) <= 12 and capitals * 2 > len(words)


# Bounds on the work one cable can ask for. The longest real cables hold a few
# hundred kilobytes of text, a dozen TAGS and short distribution lines; an input
# far past these is broken or hostile, and reading only its first part keeps
# every build's time proportional to its size with a small constant.
MAX_BODY_CHARS = 512 * 1024
MAX_TAGS = 64
MAX_LINE_CHARS = 4096
MAX_FIELD_CHARS = 512
MAX_CANDIDATES = 2000
"""Ten times the most names found in any real cable: merging them is quadratic."""


def candidates(cable: Cable, registry: Registry) -> Iterator[Candidate]:
    """Every name every rule finds in the cable, in reading order."""
    yield from _field_candidates(cable)
    budget = MAX_BODY_CHARS
    for paragraph in cable.paragraphs:
        if budget <= 0:
            break
        where = anchor(paragraph)
        text = paragraph.text[:budget]
        budget -= len(text)
        caps = spans.is_caps_text(text)
        rules = HEADING_RULES if is_heading(paragraph) else BODY_RULES
        for whole in spans.runs(text, caps):
            for run in spans.split_lists(whole):
                found = _first_name(run, rules)
                if found:
                    rule, name = found
                    weak = rule is full_names.find and not _evidence(run, name)
                    yield Candidate(_texts(name), "mentioned", where, weak)
        for spelling in registry.spellings_in(text):
            yield Candidate(tuple(spelling.split()), "mentioned", where)


_Rule = Callable[[Run], tuple[Word, ...] | None]
_Named = tuple[_Rule, tuple[Word, ...]] | None
_NAMED: dict[tuple[object, ...], _Named] = {}
NAMED_CACHE = 1 << 14
NAMED_WORDS = 12


def _first_name(run: Run, rules: tuple[_Rule, ...]) -> _Named:
    """The first rule that finds a name in the run, with the name.

    The rules read only the run's words, its case, its quotation marks, whether
    it owns, whether the word after it is a reporting verb and whether the word
    before it is a title; the same names recur through a cable and an archive,
    so the answer is kept under those (the place-dependent evidence is not).
    """
    key = (
        rules,
        run.words,
        run.caps,
        run.quoted,
        run.possessive,
        run.after in lexicon.REPORTING_VERBS,
        run.before in lexicon.titles(),
    )
    if key in _NAMED:
        return _NAMED[key]
    found: _Named = None
    for rule in rules:
        name = rule(run)
        if name:
            found = (rule, name)
            break
    if len(run.words) <= NAMED_WORDS:  # names are short; a hostile run is not kept
        if len(_NAMED) >= NAMED_CACHE:
            _NAMED.clear()  # bounded: a new archive's names replace the old ones
        _NAMED[key] = found
    return found


def _field_candidates(cable: Cable) -> Iterator[Candidate]:
    """Names in the signer, Classified By, TAGS and distribution lines."""
    signed = cable.signer[:MAX_FIELD_CHARS] if cable.signer else None
    by = cable.classified_by
    if by is not None and len(by.name) > MAX_FIELD_CHARS:
        by = replace(by, name=by.name[:MAX_FIELD_CHARS])
    # the raw text's last lines are read only when the parser found no signer
    tail = "" if signed else cable.raw.rstrip()[-MAX_LINE_CHARS:]
    for found, role in (
        (signer.find(signed, tail), "signer"),
        (classified_by.find(by), "classified_by"),
    ):
        if found:
            yield Candidate(_texts(found), role, None)
    for tag in cable.tag_people[:MAX_TAGS]:
        person = tags.find(tag[:MAX_FIELD_CHARS])
        if person:
            yield Candidate(_texts(person), "tag", None)
    for line in cable.handling[:MAX_TAGS]:
        for listed in handling.find(line[:MAX_LINE_CHARS]):
            yield Candidate(_texts(listed), "mentioned", None)


def _texts(words: tuple[Word, ...]) -> tuple[str, ...]:
    return tuple(w.text for w in words)


def find(cable: Cable, registry: Registry) -> Cable:
    """The cable with `people` filled in from its fields and text."""
    found = list(islice(candidates(cable, registry), MAX_CANDIDATES))
    if any(c.weak for c in found):
        text = "\n".join(p.text for p in cable.paragraphs)
        found = [c for c in found if not c.weak or _used_again(c, text, registry)]
    people = resolve(found, registry)
    _more_anchors(cable, people)
    mentions = []
    for person in people:
        entry = registry.lookup(person.display)
        name = entry.name if entry else person.display
        mentions.append(
            Mention(
                name=name,
                slug=entry.slug if entry else names.slug(name),
                roles=tuple(r for r in ROLE_ORDER if r in person.roles),
                paragraphs=tuple(person.anchors),
                spellings=tuple(person.spellings),
            )
        )
    # evolve, not dataclasses.replace: no Cable field is checked on construction,
    # and re-running __init__ over every field cost more than the copy
    return evolve(cable, people=tuple(mentions))


def resolve(found: list[Candidate], registry: Registry) -> list[_Person]:
    """Merge the candidates of one cable into people: full names first, then lone surnames."""
    # A cable repeats its names: each spelling is keyed and looked up once.
    facts: dict[str, _Facts] = {}
    kept: list[tuple[Candidate, _Facts]] = []
    for cand in found:
        display = cand.display
        if not display:
            continue
        fact = facts.get(display)
        if fact is None:
            fact = facts[display] = _facts(display, registry)
        if not fact.ignored:
            kept.append((cand, fact))
    people: dict[str, _Person] = {}
    # Longest first, so "Kamel Rezag Bara" joins "Mohamed Kamel Rezag Bara". Once a
    # spelling has an owner it keeps one (people are only ever added), so each
    # spelling is placed once.
    placed: set[str] = set()
    for _, fact in sorted((k for k in kept if k[1].full), key=lambda k: -k[1].words):
        if fact.display in placed:
            continue
        placed.add(fact.display)
        if _owner(fact.display, people, registry) is None:
            display = fact.entry.name if fact.entry else fact.display
            people[names.key(display)] = _Person(display, names.key(display))
    order: dict[str, None] = {}
    # Whom a spelling names depends only on the people so far, so the answer is
    # kept until a person is added.
    owners_of: dict[str, list[_Person]] = {}
    for cand, fact in kept:
        owners = owners_of.get(fact.display)
        if owners is None:
            owners = _owners(fact, people, registry)
            if len(owners) == 1 and owners[0].key not in people:
                owners_of.clear()
                people[owners[0].key] = owners[0]
            owners_of[fact.display] = owners
        if len(owners) != 1:
            continue  # a surname shared by two people of this cable names neither for sure
        person = owners[0]
        person.add(cand.role, cand.anchor, cand.display)
        order.setdefault(person.key)
    return [people[k] for k in order]


def _owners(fact: _Facts, people: dict[str, _Person], registry: Registry) -> list[_Person]:
    """The people of this cable a spelling may name; a new person for an unknown surname."""
    if fact.full:
        owner = _owner(fact.display, people, registry)
        return [owner] if owner else []
    k = fact.key
    return _by_surname(k, people) or [people.get(k) or _Person(fact.display, k)]


@dataclass(frozen=True)
class _Facts:
    """What resolve asks of one spelling, whatever the candidate that holds it."""

    display: str
    key: str
    entry: Entry | None
    words: int
    """Words in the key."""
    full: bool
    """A full name (two words or more), or known to the registry."""
    ignored: bool


def _facts(display: str, registry: Registry) -> _Facts:
    k = names.key(display)
    entry = registry.lookup(display)
    words = len(k.split())
    full = words > 1 or entry is not None
    return _Facts(display, k, entry, words, full, registry.is_ignored(display))


def _owner(display: str, people: dict[str, _Person], registry: Registry) -> _Person | None:
    entry = registry.lookup(display)
    if entry is not None:
        return people.get(names.key(entry.name)) or _owner_by_words(names.key(entry.name), people)
    return _owner_by_words(names.key(display), people)


def _owner_by_words(k: str, people: dict[str, _Person]) -> _Person | None:
    if k in people:
        return people[k]
    words = set(k.split())
    last = k.split()[-1]
    for person in people.values():
        theirs = person.words
        if theirs and theirs[-1] == last and (words <= set(theirs) or set(theirs) <= words):
            return person
    return None


def _by_surname(word: str, people: dict[str, _Person]) -> list[_Person]:
    """People of this cable whose surname is `word`; failing that, whose first or other name is."""
    full = [p for p in people.values() if len(p.words) > 1]
    last = [p for p in full if p.words[-1] == word]
    first = [p for p in full if p.words[0] == word]
    return last or first or [p for p in full if word in p.words]


_APPOSITION = re.compile(
    r"^\s*(?:,|\(|--|—)\s*"
    r"(?:the|a|an|his|her|who|whom|former|then|now|(?:[\w-]+ ){1,3}(?:of|for)\b)",
    re.IGNORECASE,
)


_NEXT_WORD = re.compile(r"^\s*,\s*([A-Za-z/.\-]+)")


def _evidence(run: Run, name: tuple[Word, ...]) -> bool:
    """Besides looking like a name, does the context say this is a person?"""
    if judge.is_given(name[0]) or run.after in lexicon.REPORTING_VERBS:
        return True
    if _APPOSITION.match(run.tail):
        return True
    following = _NEXT_WORD.match(run.tail)
    if following and following.group(1).lower() in lexicon.titles():
        return True  # "Kairat Mami, Chief Justice of the Supreme Court"
    lead = run.words[: run.words.index(name[0])] if name[0] in run.words else ()
    return any(judge.is_title(w) or judge.is_not_name(w) for w in lead)


def _used_again(cand: Candidate, text: str, registry: Registry) -> bool:
    """Is the surname of a weak candidate used again on its own (or known to the registry)?"""
    if registry.lookup(cand.display):
        return True
    surname = cand.tokens[-1]
    return text.count(surname) > text.count(" ".join(cand.tokens[-2:]))


def _more_anchors(cable: Cable, people: list[_Person]) -> None:
    """Paragraphs that name a person by surname alone, without a rule firing there."""
    surnames = {p.key.split()[-1]: p for p in people if p.key}
    if not surnames:
        return
    for paragraph in cable.paragraphs:
        where = anchor(paragraph)
        if where is None:
            continue
        raw = paragraph.text
        text = (raw if raw.isascii() else names.fold(raw)).lower()
        for word, person in surnames.items():
            # the anchor test first: it is a short list, the text is kilobytes
            if where not in person.anchors and word in text and _has_word(text, word):
                person.anchors.append(where)


def _has_word(text: str, word: str) -> bool:
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        start = text.find(word, end)
    return False
