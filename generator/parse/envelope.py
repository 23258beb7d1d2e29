"""The routing header above the caption: VZCZC, DE, ZNR, the date-time group, FM/TO/INFO.

Every header line is kept as received (`Routing.lines`); the ones whose shape
is known are decoded too. Unknown lines are not an error: headers from
different eras and relay systems carry extra lines (page lines, internal
distribution tables) that only need to be kept. The archive page's own date
line (`Tuesday, 05 May 2009, 15:34`) is not a header line and is left out: the
date-time group is the cable's time, and scraped copies drop that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from generator import facts
from generator.model import Addressee, Routing
from generator.parse.raw import RawCable, evolve

START = re.compile(r"^\s*(VZCZC\S*)\s*$")
STATION_LINE = re.compile(r"^\s*([RPOZ]{1,2})\s+((?:R[A-Z]{3,7}\s*)+)$")
RELAY_MORE = re.compile(r"^\s*((?:R[A-Z]{3,7}\s*)+)$")
DE_LINE = re.compile(r"^\s*DE\s+([A-Z]{4,8})\s+#\s*(\S+)(?:\s+(\d{7}))?", re.IGNORECASE)
TRANSMISSION = re.compile(r"^\s*(ZN[RY]\s+[A-Z]{3,}\b.*?)\s*$")
DTG = re.compile(
    r"^\s*(?:(?P<prosign>[RPOZ])(?:\s+[RPOZ])?\s+)?"
    r"(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})Z\s+"
    r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\s+(?P<year>\d{2}(?:\d{2})?)\b",
    re.IGNORECASE,
)
FM_LINE = re.compile(r"^\s*FM\s+\S", re.IGNORECASE)
LIST_START = re.compile(r"^\s*(FM|TO|INFO)\s+(\S.*?)\s*$", re.IGNORECASE)
_ROUTED = (
    r"^(?:(?P<ri>R[A-Z]{3,7})/)?(?P<name>.*?)"
    r"(?:\s+(?P<prec>NIACT IMMEDIATE|IMMEDIATE|PRIORITY|ROUTINE|FLASH))?"
)
ADDRESSEE = re.compile(_ROUTED + r"(?:\s+(?P<serial>\d{1,5}))?\s*$")
# An entry split at its serial: the same entry but for the serial recurs in
# thousands of cables, and the part before it can be read once.
SERIAL = re.compile(r" (\d{1,5})$")
HEAD = re.compile(_ROUTED + r"\s*$")
ARCHIVE_DATE = re.compile(
    r"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d\s*$"
)
# Without a caption the header ends at the first blank line after the lists.
HEADER_LINES = 80


@dataclass
class _Header:
    """Accumulates one header while its lines are read (local to `find_envelope`)."""

    values: dict[str, str] = field(default_factory=dict)
    relay: list[str] = field(default_factory=list)
    lists: dict[str, list[Addressee]] = field(default_factory=dict)
    current: str | None = None

    def read(self, line: str) -> bool:
        """Decode one line; False when it is not a known header line."""
        text = line.strip()
        if match := LIST_START.match(text):
            key = match[1].upper()
            self.current = key
            self.lists.setdefault(key, []).append(addressee(match[2]))
            return True
        if self.current in ("TO", "INFO") and text and not DTG.match(text):
            self.lists[self.current].append(addressee(text))
            return True
        self.current = None
        return self._single(text)

    def _single(self, text: str) -> bool:
        patterns = (("start", START), ("dtg", DTG), ("transmission", TRANSMISSION))
        for key, pattern in patterns:
            if key not in self.values and (m := pattern.match(text)):
                self.values[key] = " ".join(text.split()) if key == "dtg" else m[1]
                return True
        if m := DE_LINE.match(text):
            self.values.update(originator_ri=m[1].upper(), station_serial=m[2], filed=m[3] or "")
            return True
        if (m := STATION_LINE.match(text)) and "prosign" not in self.values:
            self.values["prosign"] = m[1]
            self.relay.extend(m[2].split())
            return True
        if self.relay and "originator_ri" not in self.values and (m := RELAY_MORE.match(text)):
            self.relay.extend(m[1].split())
            return True
        return False


def addressee(text: str) -> Addressee:
    """One FM/TO/INFO entry: `RUEHC/SECSTATE WASHDC PRIORITY 7007`."""
    normal = " ".join(text.split())
    serial = SERIAL.search(normal)
    # With spaces collapsed, ADDRESSEE reads an entry ending in " 7007" as HEAD
    # reads the part before it, with 7007 as the serial; only an entry whose
    # name would come out empty needs the whole text (for its fallback name).
    if serial is None or (head := _head(normal[: serial.start()])) is None:
        return _whole(text)
    routing_indicator, name, precedence, station = head
    return Addressee(
        name=name,
        routing_indicator=routing_indicator,
        station=station,
        precedence=precedence,
        serial=serial[1],
    )


@lru_cache(maxsize=16384)
def _head(
    normal: str,
) -> tuple[str | None, str, str | None, str | None] | None:
    """(routing indicator, name, precedence, station) of an entry without its serial."""
    match = HEAD.match(normal)
    if match is None or not match["name"]:
        return None
    ri, name = match["ri"], match["name"]
    known = facts.station(name) or (facts.station_by_ri(ri) if ri else None)
    return ri, name, match["prec"], known.name if known else None


@lru_cache(maxsize=16384)  # the same TO/INFO lines recur in thousands of cables
def _whole(text: str) -> Addressee:
    match = ADDRESSEE.match(" ".join(text.split()))
    assert match is not None  # every part of the pattern is optional
    ri, name = match["ri"], match["name"] or text.strip()
    known = facts.station(name) or (facts.station_by_ri(ri) if ri else None)
    return Addressee(
        name=name,
        routing_indicator=ri,
        station=known.name if known else None,
        precedence=match["prec"],
        serial=match["serial"],
    )


def _region(raw: RawCable) -> tuple[int, int]:
    start = raw.notice + 1 if raw.notice is not None else 0
    if raw.caption_index is not None:
        return start, raw.caption_index
    top = raw.lines[start : start + HEADER_LINES]
    fm = next((i for i, line in enumerate(top) if FM_LINE.match(line)), None)
    if fm is None:
        return start, start
    for index in range(fm + 1, len(top)):
        if not top[index].strip():
            following = next((line for line in top[index:] if line.strip()), "")
            if not LIST_START.match(following):
                return start, start + index
    return start, start + len(top)


def find_envelope(raw: RawCable) -> RawCable:
    """Decode the header lines above the caption into a `Routing`."""
    start, end = _region(raw)
    lines = tuple(line for line in raw.lines[start:end] if not ARCHIVE_DATE.match(line))
    header = _Header()
    for line in lines:
        header.read(line)
    if not any(line.strip() for line in lines):
        return evolve(raw, envelope=(start, end))
    values = header.values
    sender = header.lists.get("FM", [])
    routing = Routing(
        lines=tuple(line for line in lines if line.strip()),
        start=values.get("start"),
        precedence_prosign=values.get("prosign"),
        relay=tuple(header.relay),
        originator_ri=values.get("originator_ri"),
        station_serial=values.get("station_serial"),
        filed=values.get("filed") or None,
        transmission=values.get("transmission"),
        dtg=values.get("dtg"),
        sender=sender[0] if sender else None,
        to=tuple(header.lists.get("TO", [])),
        info=tuple(header.lists.get("INFO", [])),
    )
    return evolve(raw, routing=routing, envelope=(start, end))
