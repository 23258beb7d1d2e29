"""The cache's indexes: a base pickle plus a delta, read back as what was written."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator import cache_index


@pytest.fixture(autouse=True)
def fresh_process() -> None:
    # Each read below must come from the files, as in a new process.
    cache_index._MEMO.clear()
    cache_index._MERGED.clear()


def _reread(path: Path) -> dict:
    cache_index._MEMO.clear()
    cache_index._MERGED.clear()
    return cache_index.read(path)


def test_a_small_change_is_a_delta_and_reads_back_whole(tmp_path: Path) -> None:
    path = tmp_path / "files.pickle"
    first = {f"cables/{i}.txt": i for i in range(5000)}
    cache_index.write(path, first)
    base = path.read_bytes()
    second = dict(first)
    second["cables/7.txt"] = "edited"
    second["cables/new.txt"] = "added"
    del second["cables/9.txt"]
    cache_index.write(path, second)
    assert path.read_bytes() == base, "the base was rewritten for three changes"
    delta = pickle.loads(path.with_name("files.delta.pickle").read_bytes())
    assert delta["set"] == {"cables/7.txt": "edited", "cables/new.txt": "added"}
    assert delta["drop"] == ["cables/9.txt"]
    assert cache_index.read(path) == second
    assert _reread(path) == second


def test_deltas_are_cumulative_until_the_base_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_index, "DELTA_LIMIT", 20)
    path = tmp_path / "pages.pickle"
    state = {i: "k" for i in range(100)}
    cache_index.write(path, state)
    bases = set()
    for step in range(50):
        state = {**state, step + 1000: f"key {step}"}
        cache_index.write(path, state)
        assert _reread(path) == state
        bases.add(len(cache_index.load(path)))
        delta = cache_index.load(path.with_name("pages.delta.pickle"))
        assert len(delta.get("set", ())) <= 20
    assert bases == {100, 121, 142}, "the base is rewritten each time the delta outgrows it"


def test_a_delta_left_beside_a_newer_base_is_ignored(tmp_path: Path) -> None:
    """A build killed after writing a new base but before removing the old delta."""
    path = tmp_path / "files.pickle"
    cache_index.write(path, {"a": 1, "b": 2})
    cache_index.write(path, {"a": 1, "b": 3})
    stale = path.with_name("files.delta.pickle").read_bytes()
    cache_index.dump(path, {"a": 9})
    path.with_name("files.delta.pickle").write_bytes(stale)
    assert _reread(path) == {"a": 9}


def test_an_unreadable_index_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "files.pickle"
    path.write_bytes(b"not a pickle")
    assert _reread(path) == {}
    cache_index.write(path, {"a": 1})
    assert _reread(path) == {"a": 1}
