"""The cable's identity: ID, origin, date-time, year and precedence.

The ID is YY + post + serial: `UNCLAS SECTION 01 OF 02 ASTANA 002159` sent on
`P 180519Z DEC 09` is 09ASTANA2159. The post comes from the caption, else from
the originator's routing indicator on the DE line; the year from the DTG, else
from the DECL date. Anything that does not canonicalise to the ID shape is
refused, so a crafted caption can never become a path outside the site.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator import facts
from generator.clean.draft import Draft
from generator.errors import InputError
from generator.model import Diagnostic
from generator.parse.raw import evolve

ID_SHAPE = re.compile(r"^[0-9]{2}[A-Z]+[0-9]+$")
POST_SHAPE = re.compile(r"^[A-Z]+$")
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
DTG = re.compile(
    r"(?:(?P<prosign>[RPOZ])(?:\s+[RPOZ])?\s+)?(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})Z\s+"
    r"(?P<month>[A-Z]{3})[A-Z]*\s+(?P<year>\d{2}(?:\d{2})?)",
    re.IGNORECASE,
)
DECL_YEAR = re.compile(
    r"DECL\w*\s*:?\s*(?:\d{1,2}/\d{1,2}/(\d{2,4})|(\d{4})/\d{1,2}/\d{1,2})", re.I
)
PRECEDENCE = {"R": "ROUTINE", "P": "PRIORITY", "O": "IMMEDIATE", "Z": "FLASH"}
SERIAL = re.compile(r"#\s*0*(\d+)")
FILE_ID = re.compile(r"^(\d{2})([A-Z]+)(\d+)$")
YEAR_IN_TEXT = re.compile(r"\b((?:19|20)\d\d)\b")
# The archive ends in 2010; declassification is 10 years out, or 25 for longer holds.
LAST_YEAR = 2010


def full_year(two_or_four: str) -> int:
    """`09` -> 2009, `86` -> 1986, `2005` -> 2005."""
    value = int(two_or_four)
    if len(two_or_four) == 4:
        return value
    return 1900 + value if value >= 50 else 2000 + value


def station_name(written: str) -> str | None:
    """Canonical post for a name as written (`TEL AVIV`, `AMEMBASSY ASTANA`), if known."""
    known = facts.station(written) or facts.station(written.replace(" ", ""))
    return known.name if known else None


def decide_identity(draft: Draft) -> Draft:
    """Fill id, origin, created, year and precedence; InputError if no valid ID results."""
    raw = draft.raw
    origin, serial, line, conflict = _origin_and_serial(draft)
    notes = draft.notes + ((Diagnostic(raw.source.path, line, conflict),) if conflict else ())
    created, year, precedence = _from_dtg(draft)
    if year is None:
        year, note = _fallback_year(draft, origin, serial)
        notes = notes + ((Diagnostic(raw.source.path, note[0], note[1]),) if note else ())
    if year is None or not origin or not serial:
        raise InputError(Diagnostic(raw.source.path, line, _missing(year, origin, serial)))
    cable_id = f"{year % 100:02d}{origin}{int(serial)}"
    if not ID_SHAPE.match(cable_id):
        raise InputError(
            Diagnostic(
                raw.source.path,
                line,
                f"cable ID {cable_id!r} is not of the form YY + POST + SERIAL "
                "(e.g. 09ASTANA2159); fix the caption line's post and serial",
            )
        )
    if facts.station(origin) is None:
        notes = notes + (
            Diagnostic(raw.source.path, line, f"unknown post {origin!r}; add it to stations.csv"),
        )
    return evolve(
        draft,
        id=cable_id,
        origin=origin,
        created=created,
        year=year,
        precedence=precedence,
        notes=notes,
    )


def _from_dtg(draft: Draft) -> tuple[str | None, int | None, str | None]:
    """(created, year, precedence) from the date-time group, or Nones."""
    routing = draft.raw.routing
    match = DTG.match(routing.dtg) if routing and routing.dtg else None
    if not match or match["month"].upper() not in MONTHS:
        return None, None, None
    year = full_year(match["year"])
    month = MONTHS.index(match["month"].upper()) + 1
    created = f"{year:04d}-{month:02d}-{match['day']}T{match['hour']}:{match['minute']}:00Z"
    return created, year, PRECEDENCE.get((match["prosign"] or "").upper())


def _fallback_year(
    draft: Draft, origin: str, serial: str
) -> tuple[int | None, tuple[int, str] | None]:
    """The year when there is no date-time group, and a note saying where it came from.

    In order: the release metadata's date, when the cable came with one; the
    file name, only when it is this very cable's ID (same post
    and serial), so it can supply nothing but the year; the DECL date (mostly
    10 years on, or 25 when that would pass the archive's end); the latest
    year the text names.
    """
    release = draft.raw.source.release
    if release is not None and release.created:
        year = int(release.created[:4])
        return year, (0, f"no date-time group; year {year} taken from the release metadata")
    stem = PurePosixPath(draft.raw.source.path.replace("\\", "/")).stem.upper()
    named = FILE_ID.match(stem)
    same_post = named is not None and station_name(named[2]) == origin
    if named and same_post and serial and int(named[3]) == int(serial):
        year = full_year(named[1])
        return year, (0, f"no date-time group or DECL date; year {year} taken from the file name")
    if draft.eo and (decl := DECL_YEAR.search(draft.eo)):
        decl_year = full_year(decl[1] or decl[2])
        year = decl_year - 10 if decl_year - 10 <= LAST_YEAR else decl_year - 25
        line = draft.raw.eo.line if draft.raw.eo else 0
        return year, (line, f"no date-time group; year {year} inferred from {decl[0]!r}")
    guess = _year_from_text(draft)
    if guess is not None:
        return guess, (0, f"no date-time group or DECL date; year {guess} is the latest named")
    return None, None


def _origin_and_serial(draft: Draft) -> tuple[str, str, int, str | None]:
    """(origin, serial, line, conflict warning) from the caption, else the DE line.

    When both name a post and they differ, the text under the header is another
    cable's (archives mis-joined some); the header is what the archive filed
    it under, so it wins, and the mismatch is reported.
    """
    raw = draft.raw
    from_de = _from_de_line(draft)
    if raw.caption is not None:
        written = raw.caption.origin
        origin = station_name(written) or re.sub(r"\s+", "", written).upper()
        if not POST_SHAPE.match(origin):
            raise InputError(
                Diagnostic(
                    raw.source.path,
                    raw.caption.line,
                    f"cable ID {_id_for(draft, origin, raw.caption.serial)!r} is not of the form "
                    f"YY + POST + SERIAL: the post {written!r} has characters other than letters; "
                    "fix the caption line",
                )
            )
        if from_de and not _same_post(from_de[0], origin):
            conflict = (
                f"the caption names {written} {raw.caption.serial} but the DE line names "
                f"{from_de[0]} {from_de[1]}: the text is filed under the header's cable"
            )
            return (*from_de, conflict)
        return origin, raw.caption.serial, raw.caption.line, None
    if from_de:
        return (*from_de, None)
    return "", "", 0, None


def _id_for(draft: Draft, origin: str, serial: str) -> str:
    """The ID as the caption would make it, for messages about a malformed one."""
    year = _from_dtg(draft)[1]
    return f"{year % 100:02d}{origin}{serial}" if year else f"{origin}{serial}"


def _same_post(by_ri: str, named: str) -> bool:
    """Whether the DE line's post and the caption's are one (posts may share an RI)."""
    if by_ri == named:
        return True
    one, other = facts.station(by_ri), facts.station(named)
    return bool(one and other and one.routing_indicator == other.routing_indicator)


def _from_de_line(draft: Draft) -> tuple[str, str, int] | None:
    routing = draft.raw.routing
    if not (routing and routing.originator_ri and routing.station_serial):
        return None
    known = facts.station_by_ri(routing.originator_ri)
    serial = SERIAL.match("#" + routing.station_serial)
    if not (known and serial):
        return None
    lines = draft.raw.lines
    line = next((i + 1 for i, text in enumerate(lines) if text.lstrip().startswith("DE ")), 0)
    return known.name, serial[1], line


def _year_from_text(draft: Draft) -> int | None:
    """The latest plausible year written in the subject or body, the last resort."""
    years = [
        int(y)
        for block in (draft.raw.subject, *draft.raw.body)
        if block is not None
        for y in YEAR_IN_TEXT.findall(block.text)
        if 1950 <= int(y) <= LAST_YEAR
    ]
    return max(years) if years else None


def _missing(year: int | None, origin: str, serial: str) -> str:
    if not origin or not serial:
        return (
            "cannot tell the cable's post and serial: no caption line "
            "(e.g. 'C O N F I D E N T I A L PARIS 000381') and no DE line with a known "
            "routing indicator; add the caption line"
        )
    return (
        "cannot tell the cable's year: no date-time group (e.g. 'P 180519Z DEC 09') and no "
        "DECL date; add the date-time group line"
    )
