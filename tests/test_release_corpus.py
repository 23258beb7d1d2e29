"""The dev cables built from the release's shapes give the records the text files give.

Three builds of the same 299 cables: from corpus/dev (text files), from
dev_cables.csv alone and from dev_html/ alone. Field by field the records are
equal, except where the metadata fills a gap (the date of a partial extract,
the Released date) or records a disagreement, and the input's own name.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import config
from generator.commands import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FILLED = ("created", "created_source")
"""Fields the metadata may fill where the text gives nothing."""
RELEASE_ONLY = ("released", "disagreements")
"""Fields only the release has: empty or null for a text file."""


def _records(tmp: Path, name: str, fill: Any) -> dict[str, dict[str, Any]]:
    cables = tmp / name / "content" / "cables"
    cables.mkdir(parents=True)
    fill(cables)
    overrides = {
        "content": tmp / name / "content",
        "output": tmp / name / "site",
        "cache": tmp / name / "cache",
        "templates": ROOT / "templates",
        "static": ROOT / "static",
        "search": False,
    }
    report = build.build(config.load(None, overrides), jobs=1)
    assert not report.skipped, report.skipped[:3]
    out = {}
    for path in (tmp / name / "site" / "cable").glob("*/*/*.json"):
        rec = json.loads(path.read_text("utf-8"))
        out[rec["id"]] = rec
    return out


@pytest.fixture(scope="module")
def builds(
    tmp_path_factory: pytest.TempPathFactory, dev_corpus: Path, dev_release: tuple[Path, Path]
) -> dict[str, dict[str, dict[str, Any]]]:
    html, csv = dev_release
    tmp = tmp_path_factory.mktemp("release")

    def texts(to: Path) -> None:
        for path in dev_corpus.glob("*.txt"):
            shutil.copy(path, to / path.name)

    return {
        "dev": _records(tmp, "dev", texts),
        "csv": _records(tmp, "csv", lambda to: shutil.copy(csv, to / "cables.csv")),
        "html": _records(tmp, "html", lambda to: shutil.copytree(html, to, dirs_exist_ok=True)),
    }


def _unnamed(warnings: list[str]) -> list[str]:
    """The warnings without the input's name in front (it differs by shape)."""
    return [re.sub(r"^\S+?(:\d+)?: ", "", w) for w in warnings]


@pytest.mark.parametrize("shape", ["csv", "html"])
def test_same_records_field_by_field_but_for_what_the_metadata_adds(
    builds: dict[str, dict[str, dict[str, Any]]], shape: str
) -> None:
    dev, other = builds["dev"], builds[shape]
    assert sorted(other) == sorted(dev)
    differ = []
    for cid, want in dev.items():
        got = other[cid]
        filled = got["created_source"] == "metadata"
        for key, value in want.items():
            if key == "source" or key in RELEASE_ONLY or (filled and key in FILLED):
                continue
            if key == "warnings":
                if not filled and _unnamed(value) != _unnamed(got[key]):
                    differ.append((cid, key))
            elif got[key] != value:
                differ.append((cid, key))
        assert want["released"] is None and want["disagreements"] == []
    assert not differ, differ[:10]


@pytest.mark.parametrize("shape", ["csv", "html"])
def test_partial_extracts_have_their_dates_from_the_metadata(
    builds: dict[str, dict[str, dict[str, Any]]], dev_corpus: Path, shape: str
) -> None:
    undated = [cid for cid, rec in builds["dev"].items() if rec["created"] is None]
    assert len(undated) >= 19
    for cid in undated:
        got = builds[shape][cid]
        published = json.loads((dev_corpus / f"{cid}.json").read_text("utf-8"))
        assert got["created_source"] == "metadata"
        assert got["created"] == f"{published['date']}T{published['time']}:00Z"
    dated = [rec for cid, rec in builds[shape].items() if cid not in undated]
    assert all(rec["created_source"] == "dtg" for rec in dated)


def test_every_disagreement_is_one_the_published_metadata_has(
    builds: dict[str, dict[str, dict[str, Any]]], dev_corpus: Path
) -> None:
    for shape in ("csv", "html"):
        for cid, rec in builds[shape].items():
            published = json.loads((dev_corpus / f"{cid}.json").read_text("utf-8"))
            for d in rec["disagreements"]:
                assert (
                    d["metadata"]
                    == {
                        "classification": published["classification"],
                        "origin": published["origin"],
                        "id": published["id"],
                        "date": published["date"],
                    }[d["field"]]
                )
    found = {d["field"] for rec in builds["csv"].values() for d in rec["disagreements"]}
    assert "classification" in found
    assert builds["html"]["08RABAT727"]["released"] is not None
