"""Word lists the extraction rules consult, loaded once.

The lists live in generator/people/data/ as plain text so an editor can read and
extend them; places and countries come from the TAGS glossary and station list
already shipped in generator/data/, so they stay in step with those facts.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from generator import facts

PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "del",
        "della",
        "der",
        "den",
        "di",
        "do",
        "dos",
        "du",
        "la",
        "le",
        "van",
        "von",
        "zu",
        "bin",
        "ibn",
        "bint",
        "al",
        "el",
    ]
)
"""Lower-case words that sit inside names (Ursula von der Leyen, Lula da Silva)."""

GLUED = frozenset(
    [
        "fo",
        "fm",
        "pm",
        "mp",
        "mk",
        "dcm",
        "cda",
        "polcouns",
        "econcouns",
        "poloff",
        "econoff",
        "says",
        "agrees",
        "urges",
        "warns",
        "calls",
        "meets",
        "tells",
        "denies",
        "rejects",
        "accuses",
        "discusses",
        "visits",
        "seeks",
        "wants",
        "backs",
        "vows",
        "pledges",
        "asks",
        "offers",
        "reaffirms",
        "promises",
        "threatens",
    ]
)
"""Words that end up after a name in headings ("Perez Agrees", "John Smith Fo"):
never the last word of a name."""

MONTHS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
"""Before a day's number a month is a date, not a name ("Schmidt Oct 12"; "Abdullah Jan")."""

ROMAN = frozenset(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])
"""Regnal numbers that end a name (Mohammed VI, Hassan II)."""

REPORTING_VERBS = frozenset(
    [
        "said",
        "says",
        "stated",
        "noted",
        "told",
        "added",
        "argued",
        "asserted",
        "explained",
        "expressed",
        "stressed",
        "emphasized",
        "emphasised",
        "urged",
        "claimed",
        "insisted",
        "warned",
        "acknowledged",
        "admitted",
        "replied",
        "responded",
        "commented",
        "suggested",
        "described",
        "complained",
        "cautioned",
        "predicted",
        "observed",
        "opined",
        "confirmed",
        "reiterated",
        "lamented",
        "agreed",
        "asked",
        "believes",
        "believed",
        "contended",
        "countered",
        "declared",
        "professed",
        "recounted",
        "remarked",
        "recalled",
        "underscored",
        "maintained",
        "conceded",
        "doubted",
        "hoped",
        "lamented",
        "welcomed",
        "praised",
        "criticized",
        "criticised",
        "thanked",
        "pointed",
        "announced",
        "reported",
        "indicated",
        "promised",
        "proposed",
        "replied",
        "vowed",
        "met",
        "visited",
        "accused",
        "rejected",
        "refused",
        "sought",
        "denied",
        "declined",
        "offered",
        "demanded",
        "requested",
        "raised",
        "briefed",
        "remains",
        "appeared",
        "seemed",
        "wanted",
        "sent",
        "gave",
        "made",
        "took",
        "traveled",
        "travelled",
        "returned",
        "reportedly",
        "personally",
        "himself",
        "herself",
    ]
)
"""Verbs that, right after a capitalised word, show it names someone speaking."""


def _lines(name: str) -> frozenset[str]:
    text = resources.files("generator.people").joinpath("data").joinpath(name).read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


@cache
def titles() -> frozenset[str]:
    """Words that introduce a name: Ambassador, FM, A/S, Dr ..."""
    return _lines("titles.txt")


@cache
def given_names() -> frozenset[str]:
    """Common given names, lower-case."""
    return _lines("given_names.txt")


@cache
def common_words() -> frozenset[str]:
    """Ordinary lower-case words; a capitalised one is a heading or sentence start, not a name."""
    return _lines("common_words.txt") - given_names()


@cache
def not_names() -> frozenset[str]:
    """Organisation, place, nationality and document words, plus every country and post."""
    words = set(_lines("not_names.txt"))
    for tag in facts.tags().values():
        # Small territories ("Heard Island and McDonald Islands") carry surnames.
        if tag.kind in ("country", "region") and "Island" not in tag.meaning:
            words.update(_words(tag.meaning))
    for station in facts.stations():
        words.update(_words(station.name))
        for alias in station.aliases:
            # Only the last word of "Abu Dhabi" or "Rio de Janeiro": first words are name parts too.
            words.update(_words(alias)[-1:])
        if station.country:
            words.update(_words(station.country))
    return frozenset(words - given_names() - PARTICLES)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z'\-]+", text.lower()) if len(w) > 2]


@cache
def never_in_names() -> frozenset[str]:
    """Words that can neither start, continue nor be a name: skipped before any rule runs."""
    return (common_words() | not_names()) - titles() - given_names() - PARTICLES
