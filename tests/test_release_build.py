"""Building from the release's shapes: rows and pages as inputs, errors at the row,
metadata filling gaps, disagreements, one cable in two shapes, incremental rows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator import config
from generator.commands import build, build_command
from tests.release import made_up
from tests.test_incremental import assert_same_tree

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BROKEN = b'"9","12/18/2009 05:21","09ASTANA9","Embassy Astana","SECRET"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a cables.csv of five made-up cables and one broken row."""
    cables = tmp_path / "content" / "cables"
    cables.mkdir(parents=True)
    rows = [
        made_up.row(1, 2101),
        made_up.row(2, 2102, classification="SECRET", references="08ASTANA555 09ASTANA2100"),
        made_up.row(3, 2103, partial=True, created="12/20/2009 10:00"),
    ]
    data = "".join(rows).encode() + BROKEN + made_up.row(4, 2104).encode()
    (cables / "cables.csv").write_bytes(data)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    (tmp_path / "cablegen.toml").write_text('title = "Cables"\nsearch = false\n', "utf-8")
    return tmp_path


def run(root: Path, output: str = "site", cache: str = "cache") -> build.BuildReport:
    cfg = config.load(root / "cablegen.toml", {"output": root / output, "cache": root / cache})
    return build.build(cfg, jobs=1)


def record(site: Path, cable_id: str) -> dict[str, object]:
    (path,) = site.glob(f"cable/*/*/{cable_id}.json")
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


def test_rows_are_inputs_and_a_bad_row_is_a_skip_at_its_row(project: Path) -> None:
    report = run(project)
    assert report.inputs == 5
    assert report.cables == 4
    (skip,) = report.record()["skipped"]
    csv_bytes = (project / "content" / "cables" / "cables.csv").read_bytes()
    assert skip["path"] == "cables/cables.csv"
    assert (skip["row"], skip["offset"]) == (4, csv_bytes.index(BROKEN))
    assert "wrong column count" in skip["reason"]
    site = project / "site"
    assert record(site, "09ASTANA2104")["source"] == "cables/cables.csv#09ASTANA2104"


def test_metadata_fills_what_the_text_lacks_and_disagreements_are_recorded(
    project: Path,
) -> None:
    report = run(project)
    site = project / "site"
    dated = record(site, "09ASTANA2101")
    assert (dated["created"], dated["created_source"]) == ("2009-12-18T05:19:00Z", "dtg")
    assert dated["disagreements"] == []
    extract = record(site, "09ASTANA2103")
    assert extract["partial"] is True
    assert (extract["created"], extract["created_source"]) == ("2009-12-20T10:00:00Z", "metadata")
    secret = record(site, "09ASTANA2102")
    assert secret["disagreements"] == [
        {"field": "classification", "text": "UNCLASSIFIED", "metadata": "SECRET"}
    ]
    added = [r for r in secret["references"] if r.get("source") == "metadata"]  # type: ignore[union-attr]
    # 09ASTANA2100 is listed too, but the REF line already gives it.
    assert [r["id"] for r in added] == ["08ASTANA555"]
    assert report.disagreements == 1
    (page,) = site.glob("cable/*/*/09ASTANA2102.html")
    html = page.read_text("utf-8")
    assert (
        "The release metadata says SECRET; the cable&#39;s own marking says UNCLASSIFIED." in html
    )
    (extract_page,) = site.glob("cable/*/*/09ASTANA2103.html")
    assert "(from the release metadata)" in extract_page.read_text("utf-8")


def test_pages_anywhere_in_the_tree_and_other_html_counted_not_skipped(project: Path) -> None:
    folder = project / "content" / "cables" / "cable" / "2009" / "12"
    folder.mkdir(parents=True)
    (folder / "09ASTANA2200.html").write_text(made_up.page(2200, "CONFIDENTIAL"), "utf-8")
    (project / "content" / "cables" / "index.html").write_text("<p>Cable Viewer</p>", "utf-8")
    (project / "content" / "cables" / "cables.csv").write_text(made_up.row(1, 2101), "utf-8")
    report = run(project)
    assert report.cables == 2 and not report.skipped
    assert report.record()["not_cable_pages"] == ["cables/index.html"]
    rec = record(project / "site", "09ASTANA2200")
    assert rec["released"] == "2010-12-01T12:00:00Z"
    assert rec["tags"] == ["PGOV", "PREL", "KZ"]
    (page,) = (project / "site").glob("cable/*/*/09ASTANA2200.html")
    assert "Released" in page.read_text("utf-8")


def test_strict_fails_on_a_bad_row_not_on_other_html(project: Path) -> None:
    args = (project / "content", project / "site", project / "cablegen.toml", None)
    assert build_command.run_build_command(*args, True, True, False, 1) == 1
    (project / "content" / "cables" / "cables.csv").write_text(made_up.row(1, 2101), "utf-8")
    (project / "content" / "cables" / "about.html").write_text("<p>not a cable</p>", "utf-8")
    assert build_command.run_build_command(*args, True, True, False, 1) == 0


def test_a_cable_as_text_file_and_row_with_other_texts_is_one_cable_in_two_versions(
    project: Path,
) -> None:
    header, body = made_up.cable(2102, sentence="The text file's own version, a longer one.")
    (project / "content" / "cables" / "astana.txt").write_text(f"{header}\n\n{body}\n", "utf-8")
    report = run(project)
    rec = record(project / "site", "09ASTANA2102")
    assert rec["source"] == "cables/astana.txt", "the text with more words is shown"
    assert "own version" in json.dumps(rec["paragraphs"]) and rec["versions"] == 2
    assert not [w for w in report.warnings if "09ASTANA2102" in w]
    assert not report.skipped[1:], "the release's copy is not a duplicate skip"


def test_an_edited_row_alone_is_parsed_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project)
    csv_path = project / "content" / "cables" / "cables.csv"
    data = csv_path.read_bytes()
    # A row inserted before the others and one edited: the rest keep their names.
    edited = data.replace(b"Nothing happened.", b"An orchard was planted.", 2)
    edited = edited.replace(b"An orchard was planted.", b"Nothing happened.", 1)
    csv_path.write_bytes(made_up.row(0, 2099).encode() + edited)
    parsed: list[str] = []
    real = build.cable_from_source

    def spy(source: object, registry: object = None) -> object:
        parsed.append(source.path)  # type: ignore[attr-defined]
        return real(source, registry)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "cable_from_source", spy)
    report = run(project)
    monkeypatch.undo()
    assert sorted(parsed) == ["cables/cables.csv#09ASTANA2099", "cables/cables.csv#09ASTANA2102"]
    assert report.cables == 5
    assert "orchard" in json.dumps(record(project / "site", "09ASTANA2102"))
    run(project, "cold", "cold-cache")
    assert_same_tree(project / "site", project / "cold")
