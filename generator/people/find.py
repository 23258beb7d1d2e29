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
from dataclasses import replace
from itertools import islice

from generator.model import Cable, Mention, Paragraph
from generator.parse.raw import evolve
from generator.people import judge, lexicon, names, recase, spans
from generator.people.registry import Registry
from generator.people.resolve import Candidate, anchor, more_anchors, resolve
from generator.people.roles import ORDER as ROLE_ORDER
from generator.people.rules import (
    classified_by,
    full_names,
    handling,
    office_title,
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
        if recase.is_lower_text(text):
            text = recase.recase(text, registry.words)
        caps = spans.is_caps_text(text)
        rules = HEADING_RULES if is_heading(paragraph) else BODY_RULES
        for whole in spans.runs(text, caps):
            for run in spans.split_lists(whole):
                found = _first_name(run, rules)
                if found:
                    rule, name = found
                    name = _unglued(name, run)
                    weak = rule is full_names.find and not _evidence(run, name)
                    if name:
                        yield Candidate(_texts(name), "mentioned", where, weak)
        if not caps:
            for tokens in office_title.find(text):
                yield Candidate(tokens, "mentioned", where)
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
    """Names in the signer, Classified By and TAGS (distribution lines name addressees)."""
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


def addressees(cable: Cable) -> tuple[str, ...]:
    """The people the distribution lines pass the cable to ("STATE FOR EUR/WE (JONES)").

    They are routing, not people the cable names: they stay with the handling
    lines and never join `people`.
    """
    found = (
        names.display(_texts(listed))
        for line in cable.handling[:MAX_TAGS]
        for listed in handling.find(line[:MAX_LINE_CHARS])
    )
    return tuple(dict.fromkeys(n for n in found if n))


_DAY = re.compile(r"\s*\d")


def _unglued(name: tuple[Word, ...], run: Run) -> tuple[Word, ...]:
    """The name without a date or heading verb stuck to its end ("Perez Agrees")."""
    end = len(name)
    if end > 1 and name[-1] is run.words[-1] and _DAY.match(run.tail):
        end -= name[-1].lower.rstrip(".") in lexicon.MONTHS
    while end > 1 and name[end - 1].lower.rstrip(".") in lexicon.GLUED:
        end -= 1
    return name[:end]


def _texts(words: tuple[Word, ...]) -> tuple[str, ...]:
    return tuple(w.text for w in words)


def find(cable: Cable, registry: Registry) -> Cable:
    """The cable with `people` filled in from its fields and text."""
    found = list(islice(candidates(cable, registry), MAX_CANDIDATES))
    if any(c.weak for c in found):
        text = "\n".join(p.text for p in cable.paragraphs)
        found = [c for c in found if not c.weak or _used_again(c, text, registry)]
    people = resolve(found, registry)
    more_anchors(cable, people)
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
    extras = {**cable.extras, "addressees": addressees(cable)} if cable.handling else cable.extras
    return evolve(cable, people=tuple(mentions), extras=extras)


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
