"""The cache's indexes: a base pickle plus a delta, read back as what was written."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator.incremental import cache_index


@pytest.fixture
def pickles() -> cache_index.Pickles:
    return cache_index.Pickles()


def _reread(path: Path) -> dict:
    # Read from the files, as a new process does.
    return cache_index.Pickles().read(path)


def test_a_small_change_is_a_delta_and_reads_back_whole(
    tmp_path: Path, pickles: cache_index.Pickles
) -> None:
    path = tmp_path / "files.pickle"
    first = {f"cables/{i}.txt": i for i in range(5000)}
    pickles.write(path, first)
    base = path.read_bytes()
    second = dict(first)
    second["cables/7.txt"] = "edited"
    second["cables/new.txt"] = "added"
    del second["cables/9.txt"]
    pickles.write(path, second)
    assert path.read_bytes() == base, "the base was rewritten for three changes"
    delta = pickle.loads(path.with_name("files.delta.pickle").read_bytes())
    assert delta["set"] == {"cables/7.txt": "edited", "cables/new.txt": "added"}
    assert delta["drop"] == ["cables/9.txt"]
    assert pickles.read(path) == second
    assert _reread(path) == second


def test_deltas_are_cumulative_until_the_base_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pickles: cache_index.Pickles
) -> None:
    monkeypatch.setattr(cache_index, "DELTA_LIMIT", 20)
    path = tmp_path / "pages.pickle"
    state = {i: "k" for i in range(100)}
    pickles.write(path, state)
    bases = set()
    for step in range(50):
        state = {**state, step + 1000: f"key {step}"}
        pickles.write(path, state)
        assert _reread(path) == state
        bases.add(len(pickles.load(path)))
        delta = pickles.load(path.with_name("pages.delta.pickle"))
        assert len(delta.get("set", ())) <= 20
    assert bases == {100, 121, 142}, "the base is rewritten each time the delta outgrows it"


def test_a_delta_left_beside_a_newer_base_is_ignored(
    tmp_path: Path, pickles: cache_index.Pickles
) -> None:
    """A build killed after writing a new base but before removing the old delta."""
    path = tmp_path / "files.pickle"
    pickles.write(path, {"a": 1, "b": 2})
    pickles.write(path, {"a": 1, "b": 3})
    stale = path.with_name("files.delta.pickle").read_bytes()
    pickles.dump(path, {"a": 9})
    path.with_name("files.delta.pickle").write_bytes(stale)
    assert _reread(path) == {"a": 9}


def test_an_unreadable_index_is_empty(tmp_path: Path, pickles: cache_index.Pickles) -> None:
    path = tmp_path / "files.pickle"
    path.write_bytes(b"not a pickle")
    assert _reread(path) == {}
    pickles.write(path, {"a": 1})
    assert _reread(path) == {"a": 1}
