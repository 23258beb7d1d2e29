"""Reference facts shipped with the package: TAGS meanings and stations.

The CSV files under generator/data/ are copied from sourced reference lists
(see their README in the project history); they are read once and cached
because every stage that needs them asks many times per cable.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Tag:
    """One TAGS code and what it means."""

    code: str
    meaning: str
    """Empty when no source gave a meaning: show the code alone."""
    kind: str
    """subject | program | country | region | organization | person | unknown."""


@dataclass(frozen=True)
class Station:
    """A post or office that sends or receives cables."""

    name: str
    """Canonical name as in cable IDs, e.g. "ASTANA", "USUNNEWYORK"."""
    aliases: tuple[str, ...]
    """Header and misspelt forms, e.g. "AMEMBASSY ASTANA", "SECSTATE WASHDC"."""
    routing_indicator: str | None
    country: str | None
    kind: str
    """embassy | consulate | mission | department | other."""

    @property
    def title(self) -> str:
        """A readable name, e.g. "Embassy Astana", from the ACP alias when there is one."""
        if self.name in _TITLES:
            return _TITLES[self.name]
        for alias in self.aliases:
            for prefix, word in (("AMEMBASSY ", "Embassy"), ("AMCONSUL ", "Consulate")):
                if alias.startswith(prefix):
                    return f"{word} {alias[len(prefix) :].title()}"
        return self.name.title()


# Missions, delegations and agencies whose ACP names are acronyms that title-casing
# mangles ("Mission Usnato"); readers know them by these names.
_TITLES = {
    "STATE": "Department of State",
    "AITTAIPEI": "American Institute in Taiwan, Taipei",
    "BASRAH": "Regional Embassy Office Basrah",
    "MOSUL": "Regional Embassy Office Mosul",
    "KIRKUK": "Provincial Reconstruction Team Kirkuk",
    "HILLAH": "Regional Embassy Office Hillah",
    "CDGENEVA": "US Mission to the Conference on Disarmament, Geneva",
    "GENEVA": "US Mission Geneva",
    "HAVANA": "US Interests Section Havana",
    "RPODUBAI": "Iran Regional Presence Office, Dubai",
    "UNESCOPARISFR": "US Mission to UNESCO, Paris",
    "UNROME": "US Mission to the UN Agencies, Rome",
    "UNVIEVIENNA": "US Mission to the UN, Vienna",
    "USEUBRUSSELS": "US Mission to the European Union, Brussels",
    "USNATO": "US Mission to NATO, Brussels",
    "USOSCE": "US Mission to the OSCE, Vienna",
    "USTRGENEVA": "US Trade Representative, Geneva",
    "USUNNEWYORK": "US Mission to the UN, New York",
    "SECDEF": "Secretary of Defense",
    "USDOC": "Department of Commerce",
    "USDAFAS": "Department of Agriculture, Foreign Agricultural Service",
    "USCBP": "Customs and Border Protection",
    "USDOJ": "Department of Justice",
    "CDCATLANTAGA": "Centers for Disease Control, Atlanta",
    "FESTTWO": "US Delegation FEST Two",
    "PARTO": "US Delegation PARTO",
    "FSCCHARLESTON": "Financial Service Center, Charleston",
    "FSINFATC": "Foreign Service Institute, Arlington",
}


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("generator").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def tags() -> dict[str, Tag]:
    return {
        r["code"]: Tag(r["code"], r["meaning"].strip(), r["kind"].strip() or "unknown")
        for r in _rows("tags.csv")
    }


def tag(code: str) -> Tag:
    """The Tag for a code; unknown codes get an empty meaning (shown as the code alone)."""
    known = tags().get(code)
    if known:
        return known
    kind = "person" if "(" in code or "," in code else "unknown"
    return Tag(code, "", kind)


@cache
def stations() -> tuple[Station, ...]:
    return tuple(
        Station(
            name=r["name"],
            aliases=tuple(a for a in r["aliases"].split(";") if a),
            routing_indicator=r["routing_indicator"] or None,
            country=r["country"] or None,
            kind=r["kind"],
        )
        for r in _rows("stations.csv")
    )


@cache
def _by_name() -> dict[str, Station]:
    index: dict[str, Station] = {}
    for st in stations():
        for key in (st.name, *st.aliases):
            index.setdefault(key.upper(), st)
    return index


@cache
def _by_ri() -> dict[str, Station]:
    index: dict[str, Station] = {}
    for st in stations():
        if st.routing_indicator:
            index.setdefault(st.routing_indicator, st)
    return index


def station(name: str) -> Station | None:
    """The station for a canonical name or any alias ("AMEMBASSY ASTANA", "SECSTATE")."""
    return _by_name().get(" ".join(name.upper().split()))


def station_by_ri(ri: str) -> Station | None:
    """The station whose routing indicator is `ri` (e.g. "RUEHTA" -> ASTANA)."""
    return _by_ri().get(ri.upper())
