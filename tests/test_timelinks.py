"""Time and links: the month histogram, chronological neighbours, the reference graph."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from generator import config, urls
from generator.corpus.link import CableMeta, link
from generator.incremental import touched
from generator.model import Reference
from generator.site import cable_page, graph, histogram, related
from tests.search_fixtures import fake_meta


def cites(m: CableMeta, *ids: str) -> CableMeta:
    refs = tuple(Reference(chr(65 + i), cid, cid) for i, cid in enumerate(ids))
    return replace(m, references=refs)


def test_histogram_spans_first_to_last_month_and_links_each_bar() -> None:
    corpus = link(
        [
            fake_meta("08A1", "2008-11-03T10:00:00Z", "a"),
            fake_meta("08A2", "2008-11-20T10:00:00Z", "b"),
            fake_meta("09A3", "2009-02-01T10:00:00Z", "c"),
            fake_meta("09A4", None, "undated"),
        ]
    )
    h = histogram.histogram(corpus, corpus.order)
    assert h is not None
    # November to February is four months; the two empty ones have no bar but keep their place.
    assert [b.label for b in h.bars] == ["November 2008: 2 cables", "February 2009: 1 cable"]
    assert [b.target for b in h.bars] == [urls.month(2008, 11), urls.month(2009, 2)]
    step = h.bars[1].x // 3
    assert h.width == 4 * step
    assert h.bars[0].height == histogram.HEIGHT and h.bars[1].height == histogram.HEIGHT // 2
    assert all(b.y + b.height == h.bottom for b in h.bars)
    assert "busiest month is November 2008 with 2" in h.summary


def test_histogram_of_undated_cables_is_none() -> None:
    corpus = link([fake_meta("09A4", None, "undated")])
    assert histogram.histogram(corpus, corpus.order) is None


def test_histogram_of_decades_stays_within_its_width() -> None:
    metas = [fake_meta(f"C{y}", f"{y}-06-01T00:00:00Z", "x") for y in range(1966, 2011)]
    h = histogram.histogram(link(metas), [m.id for m in metas])
    assert h is not None and h.width <= histogram.WIDTH
    assert len(h.ticks) <= 10, "year labels must not crowd"


def test_previous_and_next_in_the_whole_archive() -> None:
    corpus = link(
        [
            fake_meta("08TUNIS679", "2008-06-24T10:00:00Z", "alone", origin="TUNIS"),
            fake_meta("08MADRID685", "2008-06-20T10:00:00Z", "before", origin="MADRID"),
            fake_meta("08BRASILIA880", "2008-06-27T10:00:00Z", "after", origin="BRASILIA"),
        ]
    )
    assert corpus.neighbours("08TUNIS679") == (None, None)
    earlier, later = corpus.chronological("08TUNIS679")
    assert (earlier and earlier.id, later and later.id) == ("08MADRID685", "08BRASILIA880")
    shown = cable_page.shown(corpus, "08TUNIS679")
    assert {"08MADRID685", "08BRASILIA880"} <= shown.ids()
    assert corpus.chronological("08MADRID685")[0] is None


def _chain() -> list[CableMeta]:
    """A cites B, B cites C and a cable nobody has, D cites B; E stands apart."""
    a = cites(fake_meta("09A", "2009-03-01T00:00:00Z", "a"), "09B")
    b = cites(fake_meta("09B", "2009-02-01T00:00:00Z", "b"), "09C", "09MISSING1")
    c = fake_meta("09C", "2009-01-01T00:00:00Z", "c")
    d = cites(fake_meta("09D", "2009-04-01T00:00:00Z", "d"), "09B")
    e = fake_meta("09E", "2009-05-01T00:00:00Z", "e")
    return [a, b, c, d, e]


def test_graph_two_hops_with_missing_cables() -> None:
    corpus = link(_chain())
    g = graph.graph(corpus, "09A")
    assert g is not None
    assert [i.node.id for i in g.cited] == ["09B"] and not g.citing
    kids = {n.id: n for n in g.cited[0].children}
    assert set(kids) == {"09C", "09MISSING1", "09D"}
    assert kids["09MISSING1"].target is None and kids["09C"].target
    assert kids["09D"].relation == "cites" and kids["09C"].relation == "cited by"
    assert kids["09D"].column == 2 and g.cited[0].node.column == 1
    assert g.ids() == {"09A", "09B", "09C", "09D"}
    assert graph.graph(corpus, "09E") is None


def test_graph_reach_is_symmetric_and_covers_what_is_drawn() -> None:
    corpus = link(_chain())
    for cid in corpus.cables:
        g = graph.graph(corpus, cid)
        drawn = g.ids() - {cid} if g else set()
        assert drawn <= graph.reach(corpus, cid)
        for other in graph.reach(corpus, cid):
            assert cid in graph.reach(corpus, other)


def test_graph_edges_point_from_the_citing_cable() -> None:
    corpus = link(_chain())
    g = graph.graph(corpus, "09B")
    assert g is not None
    centre = g.centre
    # 09A and 09D cite 09B: left of it, arrows ending at its left side.
    assert all(i.node.x < centre.x for i in g.citing)
    ends = {(e.x2, e.y2) for e in g.edges}
    assert (centre.x, centre.y + g.box_height // 2) in ends


def test_missing_references_link_out_only_when_configured(tmp_path: object) -> None:
    corpus = link(_chain())
    g = graph.graph(corpus, "09B")
    off = config.SiteConfig()
    assert off.missing_reference("09X1") is None
    on = config.SiteConfig(missing_reference_url="https://plusd.example/{id}_a.html")
    linked = graph.linked(g, on.missing_reference)
    assert linked is not None
    missing = [n for i in linked.cited for n in (i.node,) if not n.target]
    assert [n.external for n in missing] == ["https://plusd.example/09MISSING1_a.html"]


@pytest.mark.parametrize("bad", ["plusd/{id}", "https://plusd.example/cable.html", 3])
def test_missing_reference_url_is_checked(bad: object, tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "cablegen.toml"
    value = f'"{bad}"' if isinstance(bad, str) else str(bad)
    path.write_text(f"missing_reference_url = {value}\n", "utf-8")
    with pytest.raises(config.ConfigError, match="missing_reference_url"):
        config.load(path)


@pytest.fixture(scope="module")
def metas() -> list[CableMeta]:
    from tests.test_relink import metas as real

    return list(real.__wrapped__())  # type: ignore[attr-defined]


def _mutated(rng: random.Random, m: CableMeta, pool: list[CableMeta]) -> CableMeta:
    other = rng.choice(pool)
    kind = rng.randrange(5)
    if kind == 0:
        return replace(m, tags=other.tags)
    if kind == 1:
        return replace(m, references=(Reference(None, other.id, other.id), *m.references))
    if kind == 2:
        return replace(m, references=())
    if kind == 3:
        return replace(m, people=other.people, subject=m.subject + " (edited)")
    return replace(m, created=other.created, year=other.year, month=other.month)


@pytest.mark.parametrize("seed", range(8))
def test_update_redraws_every_page_whose_shown_cables_change(
    metas: list[CableMeta], seed: int
) -> None:
    """Every cable page whose Shown differs (related, graph, neighbours) is among those touched."""
    rng = random.Random(seed)
    old = link(metas)
    changed = {m.id: m for m in metas}
    for m in rng.sample(metas, 3):
        changed[m.id] = _mutated(rng, m, metas)
    new = link(changed.values())
    only = touched.touched(old, new).only("cable")
    redo = set(new.cables if only is None else only)
    stale = [
        cid
        for cid in new.cables
        if cid not in redo and cable_page.shown(old, cid) != cable_page.shown(new, cid)
    ]
    assert not stale, f"pages left stale: {stale[:5]}"


def test_related_explains_what_is_shared_and_breaks_ties_by_time_then_id() -> None:
    base = fake_meta("08TUNIS679", "2008-06-23T00:00:00Z", "x", tags=("PGOV", "KCOR", "TS"))
    people = ("Zine el Abidine Ben Ali",)
    base = replace(base, people=fake_meta("x", None, "", people=people).people)
    near = fake_meta("08TUNIS700", "2008-07-01T00:00:00Z", "n", tags=("PGOV", "KCOR"))
    far = fake_meta("05TUNIS100", "2005-01-01T00:00:00Z", "f", tags=("PGOV", "KCOR"))
    twin = fake_meta("08TUNIS650", "2008-06-01T00:00:00Z", "t", tags=("PGOV", "KCOR"))
    best = cites(
        fake_meta("08TUNIS800", "2008-08-01T00:00:00Z", "b", tags=("PGOV",), people=people),
        "08TUNIS679",
    )
    lone = fake_meta("08TUNIS900", "2008-06-23T00:00:00Z", "l", tags=("PGOV",))
    corpus = link([base, near, far, twin, best, lone])
    found = related.related(corpus, "08TUNIS679")
    assert [r.id for r in found] == ["08TUNIS800", "08TUNIS650", "08TUNIS700", "05TUNIS100"]
    assert found[0].reason == "shares PGOV and Zine el Abidine Ben Ali; it cites this cable"
    assert found[1].reason == "shares PGOV and KCOR"
    # One shared TAG is not enough to be related.
    assert "08TUNIS900" not in [r.id for r in found]


def test_a_tag_past_the_cap_finds_no_candidates_but_still_counts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(related, "CAP", 3)
    many = [fake_meta(f"09X{i}", "2009-01-01T00:00:00Z", "x", tags=("PREL",)) for i in range(5)]
    a = fake_meta("09A", "2009-01-01T00:00:00Z", "a", tags=("PREL", "KCOR"))
    b = fake_meta("09B", "2009-01-01T00:00:00Z", "b", tags=("PREL", "KCOR"))
    corpus = link([*many, a, b])
    found = related.related(corpus, "09A")
    assert [r.id for r in found] == ["09B"] and found[0].reason == "shares PREL and KCOR"
