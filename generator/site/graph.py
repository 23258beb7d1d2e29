"""A cable's reference neighbourhood: what it cites and what cites it, two hops out.

Laid out here in whole numbers, in five columns (what cites the cables citing it,
the cables citing it, the cable, the cables it cites, what those cite or are cited
by), so the same corpus always draws the same bytes; templates/partials/graph.html
writes the SVG and the list that says the same in words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from generator.corpus.link import CableMeta, Corpus

PER_SIDE = 8
"""Most cables shown one hop out on each side; the rest are counted."""
PER_PARENT = 3
"""Most cables shown two hops out through any one cable."""
COLUMN = 165
"""Distance between columns, in SVG units."""
BOX_WIDTH = 132
BOX_HEIGHT = 22
ROW = 30
PAD = 6


@dataclass(frozen=True)
class Node:
    """One cable of the graph: in the archive (`target` set) or only cited."""

    id: str
    subject: str
    date: str
    target: str | None
    """Site-root path of its page; None when the archive does not hold it."""
    external: str | None
    """Where a cable not in the archive can be read (the `missing_reference_url` setting)."""
    relation: str
    """How it is linked to the cable it hangs from: "cites" or "cited by"."""
    column: int
    """-2 .. 2: what cites the cable is left of it, what it cites is right of it."""
    x: int
    y: int


@dataclass(frozen=True)
class Edge:
    """A citation, drawn from the citing cable to the cited one."""

    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class Item:
    """A cable one hop out, and the cables shown two hops out through it."""

    node: Node
    children: tuple[Node, ...]
    more: int
    """How many more cables two hops out through it are not shown."""


@dataclass(frozen=True)
class Graph:
    centre: Node
    citing: tuple[Item, ...]
    """The cables that cite this one (left of it)."""
    cited: tuple[Item, ...]
    """The cables this one cites (right of it)."""
    more_citing: int
    more_cited: int
    edges: tuple[Edge, ...]
    width: int
    height: int
    box_width: int
    box_height: int

    def nodes(self) -> Iterator[Node]:
        yield self.centre
        for item in (*self.citing, *self.cited):
            yield item.node
            yield from item.children

    def ids(self) -> set[str]:
        """The IDs of the archive's cables drawn, its own among them."""
        return {n.id for n in self.nodes() if n.target}


def linked(g: Graph | None, external: Callable[[str], str | None]) -> Graph | None:
    """The graph with cables the archive lacks linked where `external` says they can be read."""
    if g is None:
        return None

    def out(n: Node) -> Node:
        return n if n.target else replace(n, external=external(n.id))

    def item(i: Item) -> Item:
        return Item(out(i.node), tuple(map(out, i.children)), i.more)

    return replace(g, citing=tuple(map(item, g.citing)), cited=tuple(map(item, g.cited)))


def _cites(corpus: Corpus, cid: str) -> tuple[str, ...]:
    m = corpus.cables.get(cid)
    return m.cites if m else ()


def _around(corpus: Corpus, cid: str) -> Iterator[tuple[str, str]]:
    """(neighbour ID, relation) of a cable: what it cites, then what cites it."""
    for ref in _cites(corpus, cid):
        yield ref, "cites"
    for ref in corpus.referenced_by.get(cid, ()):
        yield ref, "cited by"


def _choose(
    corpus: Corpus, cable_id: str
) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """The cables one hop out ({id: relation}) and two hops out ({parent: [(id, relation)]})."""
    cited = [i for i in _cites(corpus, cable_id)][:PER_SIDE]
    citing = [i for i in corpus.referenced_by.get(cable_id, ()) if i not in cited][:PER_SIDE]
    first = {i: "cites" for i in citing} | {i: "cited by" for i in cited}
    seen = {cable_id, *first}
    second: dict[str, list[tuple[str, str]]] = {}
    for parent in (*citing, *cited):
        kids = second.setdefault(parent, [])
        for other, relation in _around(corpus, parent):
            if other not in seen and len(kids) < PER_PARENT:
                seen.add(other)
                kids.append((other, relation))
    return first, second


def reach(corpus: Corpus, cable_id: str) -> set[str]:
    """Every cable of the archive two citations or fewer from `cable_id`, caps aside.

    The graphs that can show `cable_id` are those of these cables (the relation is
    symmetric), which is what an in-place update must redraw when it changes.
    """
    if cable_id not in corpus.cables:
        return set()
    found = {cable_id}
    ring = {cable_id}
    for _ in range(2):
        ring = {o for c in ring for o, _ in _around(corpus, c) if o in corpus.cables} - found
        found |= ring
    return found - {cable_id}


def _node(
    corpus: Corpus,
    cid: str,
    relation: str,
    column: int,
    row: int,
) -> Node:
    m: CableMeta | None = corpus.cables.get(cid)
    x = (column + 2) * COLUMN
    y = PAD + row * ROW
    if m is None:
        return Node(cid, "", "", None, None, relation, column, x, y)
    date = m.created[:10] if m.created else (str(m.year) if m.year else "undated")
    return Node(cid, m.subject, date, m.path, None, relation, column, x, y)


def _flip(relation: str) -> str:
    """A relation as seen from the other end ("cites" <-> "cited by")."""
    return "cited by" if relation == "cites" else "cites"


def _edge(a: Node, b: Node, cites: bool) -> Edge:
    """The line between two boxes in neighbouring columns, from the citing one to the cited."""
    left, right = (a, b) if a.x < b.x else (b, a)
    start = (left.x + BOX_WIDTH, left.y + BOX_HEIGHT // 2)
    end = (right.x, right.y + BOX_HEIGHT // 2)
    if (left is a) != cites:
        start, end = end, start
    return Edge(*start, *end)


def graph(corpus: Corpus, cable_id: str) -> Graph | None:
    """The reference graph of `cable_id`; None when it cites nothing and nothing cites it."""
    first, second = _choose(corpus, cable_id)
    if not first:
        return None
    sides = {side: [i for i, r in first.items() if r == want] for side, want in _SIDES}
    tallest = max(
        *(len(ids) for ids in sides.values()),
        *(sum(len(second[p]) for p in ids) for ids in sides.values()),
    )
    centre_row = (tallest - 1) // 2
    centre = _node(corpus, cable_id, "", 0, centre_row)
    shown = {cable_id, *first, *(k for kids in second.values() for k, _ in kids)}
    rows = {c: 0 for c in (-2, -1, 1, 2)}
    items: dict[int, list[Item]] = {-1: [], 1: []}
    edges: list[Edge] = []
    for side, _ in _SIDES:
        for parent in sides[side]:
            # A parent sits level with its first child, so its children fan out beside it.
            rows[side] = max(rows[side], rows[2 * side])
            node = _node(corpus, parent, first[parent], side, rows[side])
            rows[side] += 1
            edges.append(_edge(node, centre, cites=side == -1))
            kids = []
            for kid, relation in second[parent]:
                child = _node(corpus, kid, _flip(relation), 2 * side, rows[2 * side])
                rows[2 * side] += 1
                kids.append(child)
                edges.append(_edge(child, node, cites=relation == "cited by"))
            more = len({o for o, _ in _around(corpus, parent)} - shown)
            items[side].append(Item(node, tuple(kids), more))
    citing_all = [i for i in corpus.referenced_by.get(cable_id, ()) if first.get(i) != "cited by"]
    return Graph(
        centre=centre,
        citing=tuple(items[-1]),
        cited=tuple(items[1]),
        more_citing=len(citing_all) - len(sides[-1]),
        more_cited=len(_cites(corpus, cable_id)) - len(sides[1]),
        edges=tuple(edges),
        width=4 * COLUMN + BOX_WIDTH,
        height=PAD * 2 + max(*rows.values(), centre_row + 1) * ROW - (ROW - BOX_HEIGHT),
        box_width=BOX_WIDTH,
        box_height=BOX_HEIGHT,
    )


_SIDES = ((-1, "cites"), (1, "cited by"))
"""Left of the cable what cites it, right of it what it cites."""
