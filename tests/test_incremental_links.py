"""In-place updates keep related cables and reference graphs byte-identical to a cold build.

An edit that gives one cable another's TAGS and a REF to it changes both cables'
related cables and the graphs of every cable two citations from either; the
update must redraw exactly those (tests/test_incremental.py compares the trees).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands import build as build_command
from generator.source import read
from tests.test_incremental import cold_matches, project, run

pytestmark = pytest.mark.slow

__all__ = ["project"]


def _cables(root: Path) -> dict[str, tuple[Path, tuple[str, ...]]]:
    """ID -> (source file, TAGS) of every cable of the project."""
    found = {}
    for path in sorted((root / "content" / "cables").iterdir()):
        cable = build_command.cable_from_source(read.read_file(path, path.parent)).cable
        if cable is not None and "\nTAGS" in path.read_text("utf-8"):
            found[cable.id] = (path, cable.tags)
    return found


def _page(root: Path, cid: str) -> str:
    (page,) = (root / "site").glob(f"cable/*/*/{cid}.html")
    return page.read_text("utf-8")


def _section(html: str, heading: str) -> str:
    m = re.search(rf'<section class="{heading}".*?</section>', html, re.S)
    return m.group(0) if m else ""


def test_edit_that_changes_related_cables_and_graphs(project: Path) -> None:
    run(project, "site", "cache")
    cables = _cables(project)
    ids = sorted(cables)
    a = ids[0]
    b = next(i for i in ids[1:] if len(cables[i][1]) >= 2 and i not in _page(project, a))
    source, _ = cables[a]
    text = source.read_text("utf-8")
    tags = ", ".join(cables[b][1])
    edited = re.sub(r"(?m)^TAGS.*$", f"TAGS {tags}", text, count=1)
    edited = re.sub(r"(?m)^(SUBJECT.*)$", rf"REF: {b}\n\1", edited, count=1)
    assert edited != text
    source.write_text(edited, "utf-8")

    run(project, "site", "cache")

    related = _section(_page(project, a), "related")
    assert b in related and "this cable cites it" in related, "the related cables did not follow"
    assert b in _section(_page(project, a), "ref-graph")
    assert a in _section(_page(project, b), "ref-graph"), "the cited cable's graph is stale"
    cold_matches(project)

    source.write_text(text, "utf-8")
    run(project, "site", "cache")
    assert a not in _section(_page(project, b), "ref-graph")
    cold_matches(project)
