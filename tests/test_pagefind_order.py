"""The filter-file rewrite that makes Pagefind's output reproducible."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.search import pagefind_order

values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text() | st.binary(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_encode_then_decode_gives_the_value_back(value: object) -> None:
    assert pagefind_order.decode(pagefind_order.encode(value)) == value


def _index(folder: Path, order: list[tuple[str, list[int]]]) -> None:
    """A minimal Pagefind output folder with one filter written in `order`."""
    (folder / "filter").mkdir(parents=True)
    filter_hash = "en_" + str(len(order[0][0]) * 1234567)[:7]
    blob = pagefind_order.encode(["tag", [[k, pages] for k, pages in order]])
    (folder / "filter" / f"{filter_hash}.pf_filter").write_bytes(blob)
    meta = ["1.5.2", [], [], [["tag", filter_hash]], [], ["id"]]
    (folder / "pagefind.en_0000000000.pf_meta").write_bytes(pagefind_order.encode(meta))
    entry = {"version": "1.5.2", "languages": {"en": {"hash": "en_0000000000", "page_count": 2}}}
    (folder / "pagefind-entry.json").write_text(json.dumps(entry))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_orders_of_the_same_filter_become_the_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _index(a, [("PGOV", [0, 1]), ("KZ", [1])])
    _index(b, [("KZ", [1]), ("PGOV", [0, 1])])
    assert _files(a) != _files(b)
    pagefind_order.normalise(a)
    pagefind_order.normalise(b)
    assert _files(a) == _files(b)
    entry = json.loads((a / "pagefind-entry.json").read_text())
    meta_hash = entry["languages"]["en"]["hash"]
    meta = pagefind_order.decode((a / f"pagefind.{meta_hash}.pf_meta").read_bytes())
    ((name, filter_hash),) = meta[3]
    tag, rows = pagefind_order.decode((a / "filter" / f"{filter_hash}.pf_filter").read_bytes())
    assert (name, tag, rows) == ("tag", "tag", [["KZ", [1]], ["PGOV", [0, 1]]])
