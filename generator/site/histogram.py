"""Cables per month of a list, laid out as bars for templates/partials/histogram.html.

The geometry is decided here, in whole numbers, so the same list always gives the
same bytes; the template only writes it out as SVG, and site.css colours it (the
Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator import urls
from generator.corpus.link import Corpus

HEIGHT = 100
"""Height of the tallest bar, in SVG units."""
WIDTH = 720
"""Width of the drawing, in SVG units: bars share it, so a long list has thin bars."""
AXIS = 16
"""Room below the bars for the year labels."""
MAX_BAR = 24
"""Widest bar: a list of a few months stays a small drawing, not three slabs."""
"""Room below the bars for the year labels."""


@dataclass(frozen=True)
class Bar:
    """One month: its bar and where it links."""

    x: int
    y: int
    width: int
    height: int
    label: str
    """What a screen reader hears, e.g. "March 2009: 12 cables"."""
    target: str
    """The month's list."""


@dataclass(frozen=True)
class Tick:
    """A year label on the axis."""

    x: int
    text: str


@dataclass(frozen=True)
class Histogram:
    """Cables per month from the first month of a list to its last."""

    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    """Of the whole drawing, axis included."""
    bottom: int
    """The y of the bars' feet."""
    summary: str
    """One sentence for the caption: the span and the busiest month."""


def _month_name(year: int, mon: int) -> str:
    return f"{calendar.month_name[mon]} {year}"


def histogram(corpus: Corpus, ids: Iterable[str]) -> Histogram | None:
    """The histogram of the cables `ids`; None when none of them has a month."""
    counts: Counter[tuple[int, int]] = Counter()
    for cid in ids:
        m = corpus.cables[cid]
        if m.year is not None and m.month is not None:
            counts[(m.year, m.month)] += 1
    if not counts:
        return None
    first, last = min(counts), max(counts)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    step = max(1, min(MAX_BAR, WIDTH // span))
    gap = 1 if step > 2 else 0
    most = max(counts.values())
    bars, ticks = [], []
    every = max(1, (span // 12) // 8 + 1)  # at most about eight year labels
    for i in range(span):
        year, mon = first[0] + (first[1] - 1 + i) // 12, (first[1] - 1 + i) % 12 + 1
        x = i * step
        if mon == 1 and year % every == 0 or i == 0:
            ticks.append(Tick(x, str(year)))
        n = counts.get((year, mon), 0)
        if not n:
            continue
        h = max(1, (n * HEIGHT + most // 2) // most)
        word = "cable" if n == 1 else "cables"
        label = f"{_month_name(year, mon)}: {n} {word}"
        bars.append(Bar(x, HEIGHT - h, step - gap, h, label, urls.month(year, mon)))
    if len(ticks) > 1 and ticks[1].x - ticks[0].x < 40:
        ticks.pop(1)  # the first month's label would overlap the next year's
    width = span * step
    while len(ticks) > 1 and ticks[-1].x > width - 28:
        ticks.pop()  # a label there would run off the drawing's right edge
    busiest = min(counts, key=lambda ym: (-counts[ym], ym))
    summary = (
        f"Cables per month, {_month_name(*first)} to {_month_name(*last)}; "
        f"the busiest month is {_month_name(*busiest)} with {counts[busiest]}."
    )
    return Histogram(tuple(bars), tuple(ticks), width, HEIGHT + AXIS, HEIGHT, summary)
