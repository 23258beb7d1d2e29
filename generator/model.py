"""The types that flow between the stages.

Every stage takes one of these and returns the next; all are frozen so a stage
can never change what an earlier stage produced. `Cable.record()` is the JSON
contract printed by `cablegen parse --json` and written beside each cable page:
its keys are read by outside tools, so add keys freely but never rename them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input, always pointing at where it is."""

    path: str
    """The input file, as given on the command line or found under content/."""
    line: int
    """1-based line number; 0 when the problem concerns the whole file."""
    message: str
    """What was wrong, the offending value and how to fix it."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Source:
    """One input file as read from disk, decoded to text."""

    path: str
    """Path of the file relative to the content folder (or as given)."""
    text: str
    """Decoded text with line endings normalised to LF and any BOM removed."""
    digest: str
    """sha256 hex digest of the raw bytes, the cache key of everything derived from it."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with."""
    warnings: tuple[Diagnostic, ...] = ()
    """Problems met while reading (fallback encoding, NUL bytes, ...)."""
    release: ReleaseMeta | None = None
    """The published metadata beside the text, when it came as a page or a cables.csv row."""


@dataclass(frozen=True)
class ReleaseMeta:
    """What the published release says about a cable, beside its text."""

    id: str
    """The Reference ID as published, e.g. "06PARIS2069"."""
    created: str | None
    """ISO 8601 UTC, e.g. "2006-03-30T13:01:00Z"; the published minutes are often a few off."""
    released: str | None
    """When the release published it, ISO 8601 UTC, e.g. "2010-11-30T16:04:00Z"."""
    classification: str
    """In published words, e.g. "SECRET//NOFORN"."""
    origin: str
    """The origin as published, e.g. "Embassy Paris"."""
    references: tuple[str, ...] = ()
    """Cable IDs the release lists as references."""


@dataclass(frozen=True)
class Disagreement:
    """A field where the release metadata and the cable's own text differ (the text wins)."""

    field: str
    """"id" | "classification" | "origin" | "date"."""
    text: str | None
    """What the cable's text says."""
    metadata: str
    """What the release metadata says."""


@dataclass(frozen=True)
class Addressee:
    """One line of a FM/TO/INFO list in the routing header."""

    name: str
    """The addressee as written, e.g. "SECSTATE WASHDC"."""
    routing_indicator: str | None = None
    """The RI before the slash, e.g. "RUEHC"."""
    station: str | None = None
    """Canonical post name when the addressee is a known post, e.g. "STATE"."""
    precedence: str | None = None
    """Precedence written on the line, e.g. "PRIORITY"."""
    serial: str | None = None
    """The message serial number at the end of the line, e.g. "7007"."""


@dataclass(frozen=True)
class Routing:
    """The decoded transmission header (everything above the classification line)."""

    lines: tuple[str, ...]
    """The header lines exactly as received."""
    start: str | None = None
    """The VZCZC start-of-message line."""
    precedence_prosign: str | None = None
    """The precedence prosign on the station line, e.g. "PP"."""
    relay: tuple[str, ...] = ()
    """Routing indicators of the relay stations on the precedence line."""
    originator_ri: str | None = None
    """Routing indicator of the originating station from the DE line, e.g. "RUEHTA"."""
    station_serial: str | None = None
    """The station serial number from the DE line, e.g. "2159/01"."""
    filed: str | None = None
    """The Julian date-time the message was filed, from the DE line, e.g. "3520519"."""
    transmission: str | None = None
    """The ZNR line, e.g. "ZNR UUUUU ZZH"."""
    dtg: str | None = None
    """The date-time group line, e.g. "P 180519Z DEC 09"."""
    sender: Addressee | None = None
    """The FM line."""
    to: tuple[Addressee, ...] = ()
    """The TO list."""
    info: tuple[Addressee, ...] = ()
    """The INFO list."""

    def record(self) -> dict[str, Any]:
        def one(a: Addressee) -> dict[str, Any]:
            return {
                "name": a.name,
                "routing_indicator": a.routing_indicator,
                "station": a.station,
                "precedence": a.precedence,
                "serial": a.serial,
            }

        return {
            "from": one(self.sender) if self.sender else None,
            "to": [one(a) for a in self.to],
            "info": [one(a) for a in self.info],
            "dtg": self.dtg,
            "start": self.start,
            "precedence_prosign": self.precedence_prosign,
            "relay": list(self.relay),
            "originator_ri": self.originator_ri,
            "station_serial": self.station_serial,
            "filed": self.filed,
            "transmission": self.transmission,
            "lines": list(self.lines),
        }


@dataclass(frozen=True)
class Reference:
    """One REF entry."""

    label: str | None
    """The letter the cable gives it ("A", "B"), or None for a single unlabelled REF."""
    text: str
    """The reference as written, cleaned, e.g. "STATE 169627"."""
    id: str | None
    """Canonical cable ID when it could be inferred, e.g. "05STATE169627"."""
    source: str = "text"
    """"text" for a REF line, "metadata" for an ID only the release's references column gives."""


@dataclass(frozen=True)
class ClassifiedBy:
    """The 'Classified By:' line."""

    name: str
    """Who classified it, without title noise, e.g. "John Ordway"."""
    reasons: str | None
    """The reasons as written, e.g. "1.4 (B) and (D)"."""
    title: str | None = None
    """The office or title given with the name, e.g. "Ambassador"."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the cleaned body."""

    number: str | None
    """Paragraph number ("1", "10") or letter ("C") as the cable numbers it; None if unnumbered."""
    marking: str | None
    """Portion mark without parentheses: "U", "SBU", "C", "S", "S/NF", ...; None if unmarked."""
    kind: str
    """"numbered" | "lettered" | "heading" | "text"."""
    text: str
    """Cleaned text: page breaks rejoined, scrape markup and the number/marking prefix removed."""
    line: int = 0
    """Line of the input where the paragraph starts (for messages and the raw view)."""


@dataclass(frozen=True)
class Mention:
    """One person named by a cable."""

    name: str
    """Canonical name (after the people registry is applied)."""
    slug: str
    """URL-safe key of the person page, unique per canonical name."""
    roles: tuple[str, ...] = ("mentioned",)
    """Any of "signer", "classified_by", "tag", "mentioned"."""
    paragraphs: tuple[str, ...] = ()
    """Anchors of the paragraphs that name them, e.g. ("p3", "pC")."""
    spellings: tuple[str, ...] = ()
    """The forms found in this cable, e.g. ("Yevgeny Zhovtis", "Zhovtis")."""


@dataclass(frozen=True)
class Cable:
    """A parsed and cleaned cable: everything the site shows about it."""

    id: str
    """Canonical cable ID, e.g. "09ASTANA2159"."""
    source_path: str
    """The input file it came from."""
    digest: str
    """sha256 of the input bytes."""
    raw: str
    """The decoded input text, shown in the raw view."""
    created: str | None
    """ISO 8601 UTC from the date-time group, e.g. "2009-12-18T05:19:00Z"; None if unknown."""
    year: int | None
    """From the DTG, else the ID, else the DECL line."""
    origin: str
    """Canonical post name as in IDs, e.g. "ASTANA"."""
    precedence: str | None
    """"ROUTINE" | "PRIORITY" | "IMMEDIATE" | "FLASH" | None."""
    classification: str
    """Full words, e.g. "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "SECRET//NOFORN"."""
    caveats: tuple[str, ...]
    """E.g. ("SENSITIVE", "SIPDIS")."""
    tags: tuple[str, ...]
    """TAGS codes in order, markup removed; country names as their codes, run-together
    codes split. People and free words on the line are in `tag_people` and `keywords`."""
    subject: str
    """One line, no markup."""
    references: tuple[Reference, ...]
    classified_by: ClassifiedBy | None
    signer: str | None
    partial: bool
    """True for a partial extract."""
    routing: Routing | None
    paragraphs: tuple[Paragraph, ...]
    redactions: int
    """Number of redacted runs (runs of X)."""
    garbled: tuple[str, ...]
    """Garbled passages found."""
    people: tuple[Mention, ...] = ()
    warnings: tuple[str, ...] = ()
    """What the parser could not make sense of, as "file:line: message"."""
    eo: str | None = None
    """The E.O. line's value, e.g. "12958: DECL: 10/03/2015" or "12958: N/A"."""
    declassify: str | None = None
    """The declassification date from the DECL line, ISO date, if any."""
    handling: tuple[str, ...] = ()
    """Distribution lines before TAGS, e.g. ("STATE FOR SCA/CEN, DRL",)."""
    section: str | None = None
    """"SECTION 01 OF 02" when the cable was sent in sections."""
    tag_people: tuple[str, ...] = ()
    """People named on the TAGS line, surname first as written, e.g. ("STEINBERG, JAMES B.",)."""
    keywords: tuple[str, ...] = ()
    """Free words on the TAGS line that are no code, e.g. ("COUNTER TERRORISM",)."""
    created_source: str | None = None
    """Where `created` came from: "dtg" (the cable's own date-time group), "metadata", or None."""
    released: str | None = None
    """When the release published the cable (ISO 8601 UTC), from its metadata."""
    disagreements: tuple[Disagreement, ...] = ()
    """Where the release metadata differs from the cable's text."""
    versions: int = 1
    """How many distinct texts of this cable were read (generator.corpus.versions)."""
    extras: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Parser-specific details that are not part of the stable record."""

    def record(self) -> dict[str, Any]:
        """The stable JSON record (see DESIGN.md). Keys are never renamed."""
        return {
            "id": self.id,
            "created": self.created,
            "year": self.year,
            "origin": self.origin,
            "precedence": self.precedence,
            "classification": self.classification,
            "caveats": list(self.caveats),
            "tags": list(self.tags),
            "tag_people": list(self.tag_people),
            "keywords": list(self.keywords),
            "subject": self.subject,
            "references": [_reference(r) for r in self.references],
            "classified_by": (
                {
                    "name": self.classified_by.name,
                    "reasons": self.classified_by.reasons,
                    "title": self.classified_by.title,
                }
                if self.classified_by
                else None
            ),
            "signer": self.signer,
            "partial": self.partial,
            "routing": self.routing.record() if self.routing else None,
            "paragraphs": [
                {"number": p.number, "marking": p.marking, "kind": p.kind, "text": p.text}
                for p in self.paragraphs
            ],
            "redactions": self.redactions,
            "garbled": list(self.garbled),
            "people": [
                {
                    "name": m.name,
                    "slug": m.slug,
                    "roles": list(m.roles),
                    "paragraphs": list(m.paragraphs),
                }
                for m in self.people
            ],
            "warnings": list(self.warnings),
            "eo": self.eo,
            "declassify": self.declassify,
            "handling": list(self.handling),
            "section": self.section,
            "source": self.source_path,
            "created_source": self.created_source,
            "released": self.released,
            "disagreements": [
                {"field": d.field, "text": d.text, "metadata": d.metadata}
                for d in self.disagreements
            ],
            "versions": self.versions,
        }


def _reference(ref: Reference) -> dict[str, Any]:
    """One REF of the record; only references the metadata added say where they came from."""
    out: dict[str, Any] = {"label": ref.label, "text": ref.text, "id": ref.id}
    if ref.source != "text":
        out["source"] = ref.source
    return out
