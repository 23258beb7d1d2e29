"""An incremental build must give the same bytes as a cold build.

Each test builds a small site, changes one thing (a cable, a template, a
setting), rebuilds with the cache, builds the same input cold into another
folder with no cache, and compares every file byte for byte.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator import config
from generator.commands import build
from generator.pipeline import update
from generator.pipeline.run import Memory
from generator.source import read
from tests.conftest import ROOT, SEEDS, some_cables

VERSIONS = ROOT / "tests" / "data" / "versions"
"""A made-up cable in two published texts (tests/test_versions.py knows their diff)."""

pytestmark = pytest.mark.slow


def _site_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_same_tree(incremental: Path, cold: Path) -> None:
    a, b = _site_files(incremental), _site_files(cold)
    assert sorted(a) == sorted(b), "the two builds wrote different files"
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"incremental and cold builds differ in {differ[:10]}"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder: the seeds plus a few dev cables, our templates, a config file."""
    cables = tmp_path / "content" / "cables"
    cables.mkdir(parents=True)
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, cables / path.name)
    for path in some_cables(12):
        shutil.copy(path, cables / path.name)
    for extra in ("people.toml", "pages"):
        src = ROOT / "content" / extra
        if src.is_dir():
            shutil.copytree(src, tmp_path / "content" / extra)
        elif src.is_file():
            shutil.copy(src, tmp_path / "content" / extra)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "static", tmp_path / "static")
    write_config(tmp_path, title="Cable Archive")
    return tmp_path


def write_config(root: Path, title: str) -> None:
    (root / "cablegen.toml").write_text(f'title = "{title}"\nsearch = false\n', "utf-8")


def run(root: Path, output: str, cache: str) -> build.BuildReport:
    cfg = config.load(root / "cablegen.toml", {"output": root / output, "cache": root / cache})
    return build.build(cfg, jobs=1)


def cold_matches(root: Path) -> None:
    """Build from scratch into another folder and compare with the incremental site."""
    shutil.rmtree(root / "cold", ignore_errors=True)
    shutil.rmtree(root / "cold-cache", ignore_errors=True)
    run(root, "cold", "cold-cache")
    assert_same_tree(root / "site", root / "cold")


def cable_pages(site: Path) -> dict[str, int]:
    """Cable page path -> inode: a carried-over page keeps its inode (it is hard-linked)."""
    return {p.relative_to(site).as_posix(): p.stat().st_ino for p in site.glob("cable/*/*/*.html")}


def test_edit_one_cable_rerenders_only_what_shows_it(project: Path) -> None:
    run(project, "site", "cache")
    before = cable_pages(project / "site")
    cables = sorted((project / "content" / "cables").iterdir())
    edited = cables[len(cables) // 2]
    text = edited.read_text("utf-8")
    cut = text.index(". ", len(text) // 2) + 2
    edited.write_text(text[:cut] + "An added sentence about irrigation. " + text[cut:], "utf-8")

    run(project, "site", "cache")

    after = cable_pages(project / "site")
    assert sorted(before) == sorted(after)
    rerendered = [p for p in after if after[p] != before[p]]
    assert 1 <= len(rerendered) < len(after), "only the edited cable and its neighbours change"
    page = next(p for p in rerendered if "irrigation" in (project / "site" / p).read_text("utf-8"))
    assert page
    cold_matches(project)


def test_noop_rebuild_reads_no_cable_and_renders_no_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(project, "site", "cache")
    before = cable_pages(project / "site")
    opened: list[Path] = []
    real = read.read_file

    def spy(path: Path, root: Path | None = None) -> object:
        opened.append(path)
        return real(path, root)

    monkeypatch.setattr(read, "read_file", spy)
    report = run(project, "site", "cache")
    monkeypatch.undo()

    assert not [p for p in opened if p.parent.name == "cables"], "untouched inputs were read"
    assert not report.skipped
    assert cable_pages(project / "site") == before, "a page was rendered again"
    cold_matches(project)


def test_template_edit_rerenders_every_page(project: Path) -> None:
    run(project, "site", "cache")
    base = project / "templates" / "base.html"
    base.write_text(base.read_text("utf-8") + "<!-- template edited -->\n", "utf-8")

    run(project, "site", "cache")

    pages = list((project / "site").glob("cable/*/*/*.html"))
    assert pages and all("template edited" in p.read_text("utf-8") for p in pages)
    cold_matches(project)


def test_template_edit_rerenders_only_the_pages_made_with_it(project: Path) -> None:
    run(project, "site", "cache")
    site = project / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*.html")}
    person = project / "templates" / "person.html"
    text = person.read_text("utf-8")
    assert "{% block content %}" in text
    mark = "<!-- person template edited -->"
    person.write_text(text.replace("{% block content %}", "{% block content %}" + mark, 1))

    run(project, "site", "cache")

    changed = {p for p, ino in before.items() if p.stat().st_ino != ino}
    people = {p for p in before if p.relative_to(site).parts[0] == "person"}
    assert people and all(mark in p.read_text("utf-8") for p in people)
    assert changed == people, "other pages than person pages were drawn again"
    cold_matches(project)


def test_config_edit_rerenders_every_page(project: Path) -> None:
    run(project, "site", "cache")
    write_config(project, title="Embassy Papers")

    run(project, "site", "cache")

    pages = list((project / "site").glob("cable/*/*/*.html"))
    assert pages and all("Embassy Papers" in p.read_text("utf-8") for p in pages)
    cold_matches(project)


def test_removed_and_added_cables(project: Path) -> None:
    run(project, "site", "cache")
    cables = sorted((project / "content" / "cables").iterdir())
    moved = project / "moved.txt"
    shutil.move(cables[0], moved)
    run(project, "site", "cache")
    cold_matches(project)
    shutil.move(moved, project / "content" / "cables" / "renamed.txt")
    run(project, "site", "cache")
    cold_matches(project)


def test_static_files_added_changed_and_removed(project: Path) -> None:
    run(project, "site", "cache")
    static = project / "static"
    (static / "extra.css").write_text("body { margin: 0 }\n", "utf-8")
    css = static / "site.css"
    css.write_text(css.read_text("utf-8") + "\n/* edited */\n", "utf-8")
    run(project, "site", "cache")
    assert (project / "site" / "static" / "extra.css").is_file()
    cold_matches(project)
    (static / "extra.css").unlink()
    run(project, "site", "cache")
    assert not (project / "site" / "static" / "extra.css").exists()
    cold_matches(project)


def test_deleted_site_is_rebuilt_from_the_cache(project: Path) -> None:
    run(project, "site", "cache")
    shutil.rmtree(project / "site")
    run(project, "site", "cache")
    cold_matches(project)


def test_replaced_site_is_not_taken_for_the_cached_one(project: Path) -> None:
    run(project, "site", "cache")
    shutil.copytree(project / "site", project / "copy")
    page = next((project / "copy").glob("cable/*/*/*.html"))
    page.write_text("tampered", "utf-8")
    shutil.rmtree(project / "site")
    (project / "copy").rename(project / "site")
    run(project, "site", "cache")
    cold_matches(project)


def _edit(path: Path, old: str, new: str, regex: bool = False) -> None:
    text = path.read_text("utf-8")
    changed = re.sub(old, new, text, count=1) if regex else text.replace(old, new, 1)
    assert changed != text, f"{path.name}: the edit {old!r} found nothing to change"
    path.write_text(changed, "utf-8")


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One item for each build that took the in-place update."""
    calls: list[int] = []
    real = update.apply

    def spy(*args: Any, **kwargs: Any) -> update.Result:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(update, "apply", spy)
    return calls


def test_a_series_of_edits_is_patched_in_place_and_matches_cold_builds(
    project: Path, patched: list[int]
) -> None:
    """Each kind of edit, one after the other, through the in-place update: the
    body, the subject, the date (the page moves), the TAGS, a new person, a
    removal and the file coming back. After each, the site equals a cold build."""
    run(project, "site", "cache")
    cables = sorted((project / "content" / "cables").iterdir())
    seed = next(p for p in cables if "TAGS: [PGOV](#)" in p.read_text("utf-8"))
    steps = [
        lambda: _edit(cables[3], "\n1. ", "\n1. In a word, nothing changed. ", regex=False),
        lambda: _edit(seed, "SUBJECT: ", "SUBJECT: REVISED: "),
        lambda: _edit(seed, r"\b(\d\d)(\d{4}Z) ([A-Z]{3}) (\d\d)\b", r"03\2 JAN \4", regex=True),
        lambda: _edit(seed, "TAGS: [PGOV](#)", "TAGS: [ECON](#) [PGOV](#)"),
        lambda: _edit(
            seed,
            r"\n(¶?1?3\. \(SBU\) )",
            r"\n\1Ambassador Marcus Quillfeather attended. ",
            regex=True,
        ),
        lambda: shutil.move(cables[5], project / "aside.txt"),
        lambda: shutil.move(project / "aside.txt", cables[5]),
    ]
    for n, step in enumerate(steps, start=1):
        before = len(patched)
        step()
        run(project, "site", "cache")
        assert len(patched) == before + 1, f"step {n} did not take the in-place update"
        cold_matches(project)


def test_a_warmed_process_updates_without_reading_the_cache_again(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A preview server started on an up-to-date site warms up after its no-op
    first build; its first save then patches the Corpus it holds, as later ones do."""
    run(project, "site", "cache")
    memory = Memory()  # as a fresh process has it
    cfg = config.load(
        project / "cablegen.toml", {"output": project / "site", "cache": project / "cache"}
    )
    assert run(project, "site", "cache").timings.keys() == {"unchanged"}
    build.warm(cfg, memory)
    assert cfg.output in memory.corpora

    def not_again(*args: Any) -> Any:
        raise AssertionError("the update linked the old Corpus again")

    monkeypatch.setattr(build, "_old_corpus", not_again)
    cable = sorted((project / "content" / "cables").iterdir())[3]
    _edit(cable, "\n1. ", "\n1. Warm and quick. ", regex=False)
    report = build.build(cfg, jobs=1, changed=[cable.resolve()], memory=memory)
    assert "render" in report.timings and not report.skipped
    cold_matches(project)


def test_naming_someone_new_redraws_their_letter_of_a_split_people_index(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ONE_PAGE people the index has a page per letter; an update draws only
    the letters a touched person is under, and the site still equals a cold build."""
    from generator.site import person_pages as lists_people

    monkeypatch.setattr(lists_people, "ONE_PAGE", 3)
    run(project, "site", "cache")
    pages = project / "site" / "people"
    before = {p.name: p.stat().st_ino for p in pages.glob("*.html")}
    letter = next(n[0] for n in sorted(before) if len(n) == 6 and n[0].isalpha())
    assert len(before) > 3, "the index was not split into letter pages"
    cables = sorted((project / "content" / "cables").iterdir())
    name = f"Ambassador Zebulon {letter.upper()}ldergrove"
    _edit(cables[3], "\n1. ", f"\n1. {name} attended. ", regex=False)
    report = run(project, "site", "cache")
    assert "render" in report.timings and not report.skipped
    after = {p.name: p.stat().st_ino for p in pages.glob("*.html")}
    redrawn = sorted(n for n in before if after.get(n) != before[n])
    assert redrawn == sorted([f"{letter}.html", "index.html"]), redrawn
    cold_matches(project)


def _add(path: Path, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    shutil.copy(path, folder / path.name)


def test_versions_added_edited_and_removed_redo_that_cables_pages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second text of a cable adds its version files and diff page in place; an
    edit of it redoes them; its removal takes them away. Each equals a cold build."""
    patched: list[int] = []
    real = update.apply

    def spy(*args: Any, **kwargs: Any) -> update.Result:
        patched.append(1)
        return real(*args, **kwargs)

    cables = project / "content" / "cables"
    shutil.copy(VERSIONS / "09ASTANA3001.txt", cables / "09ASTANA3001.txt")
    run(project, "site", "cache")
    monkeypatch.setattr(update, "apply", spy)
    folder = project / "site" / "cable" / "2009" / "12" / "09ASTANA3001"
    later = cables / "later" / "09ASTANA3001.txt"
    steps = [
        lambda: _add(VERSIONS / "09ASTANA3001@later.txt", cables / "later"),
        lambda: (cables / "later" / "09ASTANA3001@later.txt").rename(later),
        lambda: _edit(later, "Nothing in this cable is real.", "Nothing here is real."),
        lambda: later.unlink(),
    ]
    made: list[list[str]] = []
    shown: list[str] = []
    for n, step in enumerate(steps, start=1):
        before = len(patched)
        step()
        report = run(project, "site", "cache")
        assert len(patched) == before + 1, f"step {n} did not take the in-place update"
        assert not report.skipped
        made.append(sorted(p.name for p in folder.iterdir()) if folder.is_dir() else [])
        shown.append((folder.parent / "09ASTANA3001.html").read_text("utf-8"))
        cold_matches(project)
    diff = ["v1-v2.html", "v1.json", "v1.txt", "v2.json", "v2.txt"]
    assert made == [diff, diff, diff, []]
    assert ["Nothing here is real" in page for page in shown] == [False, False, True, False]
    assert "Seitov" in shown[0] and "Seitov" not in shown[3], "the fullest text is shown"
