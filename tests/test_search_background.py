"""The search index run beside the list pages: same index, and a clean stop when the build fails."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from bench import measure
from generator.config import SiteConfig
from generator.search import background, index
from generator.search.binary import Control
from tests.search_fixtures import sample_pages, write_site


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _pagefind_children() -> list[int]:
    """Pagefind processes this test process started and that still run."""
    found = []
    for pid in measure._children().get(os.getpid(), []):
        try:
            name = Path(f"/proc/{pid}/comm").read_text()
        except OSError:
            continue
        if "pagefind" in name:
            found.append(pid)
    return found


@pytest.mark.slow
def test_indexing_in_the_background_writes_what_build_index_writes(tmp_path: Path) -> None:
    pages = sample_pages()
    first, second = tmp_path / "a", tmp_path / "b"
    corpus = write_site(first / "site", pages)
    write_site(second / "site", pages)
    one = SiteConfig(cache=first / "cache", output=first / "site", jobs=2)
    two = SiteConfig(cache=second / "cache", output=second / "site", jobs=2)
    expected = index.build_index(one, first / "site", corpus)
    got = background.Indexing(two, second / "site", corpus).finish()
    assert got == expected
    assert _files(second / "site") == _files(first / "site")


@pytest.mark.slow
def test_a_cancelled_index_kills_pagefind_and_keeps_no_shard(tmp_path: Path) -> None:
    pages = sample_pages()
    site = tmp_path / "site"
    corpus = write_site(site, pages)
    config = SiteConfig(cache=tmp_path / "cache", output=site, jobs=2)
    started = background.Indexing(config, site, corpus)
    # Cancel once a Pagefind runs, if the index does not finish first: either way no
    # process may be left, and no shard of this run kept.
    deadline = time.monotonic() + 20
    while not _pagefind_children() and started.running and time.monotonic() < deadline:
        time.sleep(0.005)
    started.cancel()
    assert _pagefind_children() == []
    store = config.cache / "search"
    assert not store.is_dir() or [p.name for p in store.iterdir() if p.is_dir()] == []
    # The next build indexes every shard, as if the cancelled one never ran.
    report = index.build_index(config, site, corpus)
    assert report.built == report.shards and report.pages == len(pages)


def test_a_stop_asked_before_pagefind_starts_kills_it_on_start() -> None:
    stop = Control(1)
    stop.halt()
    assert stop.halted
    pid = os.fork()
    if pid == 0:  # a stand-in for Pagefind: waits to be killed
        os.pause()
        os._exit(0)
    stop.started(pid)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)
    stop.ended(pid)


def _most_at_once(control: Control, shards: int) -> int:
    """How many of `shards` stand-in shard runs held a slot at the same time."""
    inside: list[int] = []
    most = 0

    async def one() -> None:
        nonlocal most
        async with control.slot():
            inside.append(1)
            most = max(most, len(inside))
            await asyncio.sleep(0.06)
            inside.pop()

    async def all_of_them() -> None:
        await asyncio.gather(*(one() for _ in range(shards)))

    asyncio.run(all_of_them())
    return most


def test_slots_bound_the_shards_indexed_at_once_until_widened() -> None:
    control = Control(1)
    assert _most_at_once(control, 3) == 1
    control.widen(1)
    assert _most_at_once(control, 3) == 2
