"""The routing header of a cable, decoded station by station for its page.

Each station written in the header (a routing indicator, or a post's name) is
shown with the post's title and country from generator.facts when known.
"""

from __future__ import annotations

from functools import lru_cache

from generator import facts
from generator.model import Addressee, Routing
from generator.site.pages import RoutingView, StationView


def _station(written: str, ri: str | None, name: str | None, a: Addressee | None) -> StationView:
    title, country = _station_name(name, ri)
    return StationView(
        written=written,
        routing_indicator=ri,
        title=title,
        country=country,
        precedence=a.precedence if a else None,
        serial=a.serial if a else None,
    )


@lru_cache(maxsize=8192)
def _station_name(name: str | None, ri: str | None) -> tuple[str | None, str | None]:
    """(title, country) of a station; cached, as a few hundred posts head every header."""
    st = (facts.station(name) if name else None) or (facts.station_by_ri(ri) if ri else None)
    return (st.title, st.country) if st else (None, None)


def _addressee(a: Addressee) -> StationView:
    return _station(a.name, a.routing_indicator, a.station or a.name, a)


def routing_view(r: Routing) -> RoutingView:
    """The routing header decoded station by station."""
    return RoutingView(
        lines=r.lines,
        precedence_prosign=r.precedence_prosign,
        relay=tuple(_station(ri, ri, None, None) for ri in r.relay),
        originator=_station(r.originator_ri, r.originator_ri, None, None)
        if r.originator_ri
        else None,
        station_serial=r.station_serial,
        filed=r.filed,
        transmission=r.transmission,
        dtg=r.dtg,
        sender=_addressee(r.sender) if r.sender else None,
        to=tuple(_addressee(a) for a in r.to),
        info=tuple(_addressee(a) for a in r.info),
    )
