"""A real build of the hostile folder: it finishes, accounts for every input, writes
nowhere but its output folder, and no element or attribute of any page comes
from cable text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import urls
from tests.hostile.htmlscan import Vocabulary, scan, scan_site, template_vocabulary
from tests.hostile.inputs import write_content
from tests.hostile.sitebuild import (
    REPO,
    Built,
    assert_built,
    copy_repo_content,
    once,
    run_build,
    write_config,
)

# Folders deep inside the sandbox, so that an ID climbing out of the site with
# "../" still lands somewhere the snapshot below can see.
SANDBOX = Path("a") / "b" / "c"
ALLOWED_OUTSIDE = ("work/cache", "work/report.json")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under `root` (symlinks not followed) with its size and mtime."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            info = path.lstat()
            seen[path.relative_to(root).as_posix()] = (info.st_size, info.st_mtime_ns)
    return seen


def _make(root: Path) -> Built:
    box = root / SANDBOX
    content = box / "content"
    copy_repo_content(content)
    write_content(content)
    (box / "work").mkdir(parents=True)
    write_config(box / "work")
    before = snapshot(root)
    built = run_build(box, content)
    after = snapshot(root)
    inside = (SANDBOX / "site").as_posix()
    allowed = [inside] + [(SANDBOX / p).as_posix() for p in ALLOWED_OUTSIDE]
    stray = sorted(
        path
        for path, stat in after.items()
        if before.get(path) != stat
        and not any(path == a or path.startswith(a + "/") for a in allowed)
        and not any(a.startswith(path + "/") for a in allowed)
    )
    (root / "outside.json").write_text(json.dumps(stray), encoding="utf-8")
    return built


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = once(tmp_path_factory, "hostile", _make)
    assert_built(built)
    return built


def input_names(built: Built) -> list[str]:
    cables = built.content / "cables"
    return sorted(p.relative_to(cables).as_posix() for p in cables.rglob("*") if p.is_file())


def cable_records(built: Built) -> list[dict]:
    """The record of each cable (its shown text), not those of its versions."""
    return [_read(p) for p in _records(built) if not VERSION_FILE.fullmatch(p.name)]


def version_records(built: Built) -> list[dict]:
    """The record of each version of the cables published more than once."""
    return [_read(p) for p in _records(built) if VERSION_FILE.fullmatch(p.name)]


VERSION_FILE = re.compile(r"v[0-9]+\.json")


def _records(built: Built) -> list[Path]:
    return sorted(built.output.rglob("cable/**/*.json"))


def _read(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def editorial_vocabulary(built: Built) -> Vocabulary:
    """Markup of our own Markdown pages: trusted, and not written by a template."""
    vocab = Vocabulary()
    for md in sorted((built.content / "pages").glob("*.md")):
        page = built.output / urls.editorial(md.stem)
        if page.is_file():
            vocab.add(scan(page, built.output).vocabulary)
    return vocab


@pytest.mark.slow
def test_the_build_finishes_and_counts_every_input(hostile: Built) -> None:
    names = input_names(hostile)
    assert hostile.report["inputs"] == len(names)
    # A cable's further texts are its versions: neither another cable nor a skip.
    more = hostile.report["versions"] - hostile.report["cables"]
    assert hostile.report["cables"] + more + len(hostile.report["skipped"]) == len(names)


@pytest.mark.slow
def test_every_input_is_a_page_or_a_reason(hostile: Built) -> None:
    # A version's record names its input, as the cable's does for the text it shows.
    sources = sorted({r["source"] for r in cable_records(hostile) + version_records(hostile)})
    skipped = {s["path"]: s["reason"] for s in hostile.report["skipped"]}
    lost = []
    for name in input_names(hostile):
        pages = [s for s in sources if s.endswith(name)]
        reasons = [r for p, r in skipped.items() if p.endswith(name)]
        if len(pages) + len(reasons) != 1 or any(len(r) < 20 for r in reasons):
            lost.append(f"{name}: pages={pages} reasons={reasons}")
    assert not lost, "inputs neither rendered nor reported once:\n" + "\n".join(lost)


@pytest.mark.slow
def test_two_texts_with_one_id_are_versions_of_one_cable(hostile: Built) -> None:
    skipped = [s for s in hostile.report["skipped"] if "_duplicate_" in s["path"]]
    records = [r for r in cable_records(hostile) if "_duplicate_" in r["source"]]
    assert len(records) == 1 and not skipped, (records, skipped)
    assert records[0]["versions"] == 2
    texts = [r["source"] for r in version_records(hostile) if r["id"] == records[0]["id"]]
    assert sorted(texts) == ["cables/09_duplicate_a.txt", "cables/10_duplicate_b.txt"]


@pytest.mark.slow
def test_nothing_is_written_outside_the_output_folder(hostile: Built) -> None:
    stray = json.loads((hostile.root.parent.parent.parent / "outside.json").read_text("utf-8"))
    assert not stray, f"the build wrote outside its output folder: {stray}"
    site = hostile.output.resolve()
    for path in hostile.output.rglob("*"):
        assert not path.is_symlink(), f"{path} is a symlink"
        assert site in path.resolve().parents


@pytest.mark.slow
def test_no_element_or_attribute_comes_from_cable_text(hostile: Built) -> None:
    allowed = template_vocabulary(REPO / "templates")
    allowed.add(editorial_vocabulary(hostile))
    pages, found = scan_site(hostile.output, allowed)
    assert len(pages) > 20
    assert not found, "\n".join(found[:40])


@pytest.mark.slow
def test_payloads_reach_the_page_as_text(hostile: Built) -> None:
    record = next(
        r for r in cable_records(hostile) if r["source"].endswith("01_payload_fields.txt")
    )
    page = next(hostile.output.rglob(f"cable/**/{record['id']}.html"))
    text = scan(page, hostile.output).text
    for payload in ("<script>alert('xss-subject')</script>", "{{ 7*7 }}", "{% for x in"):
        assert payload in text, f"{payload!r} is not shown as text on {page.name}"
    assert "49" not in text.replace(record["id"], ""), "a template expression was evaluated"


@pytest.mark.slow
def test_feeds_and_exports_still_parse(hostile: Built) -> None:
    for name in ("feed.xml", "sitemap.xml"):
        path = hostile.output / name
        if path.is_file():
            ET.fromstring(path.read_bytes())  # raises on markup injected into the XML
    records = cable_records(hostile)
    jsonl = hostile.output / "data" / "cables.jsonl"
    if jsonl.is_file():
        lines = jsonl.read_text("utf-8").splitlines()
        assert len(lines) == len(records)
        assert all(isinstance(json.loads(line), dict) for line in lines)
    table = hostile.output / "data" / "cables.csv"
    if table.is_file():
        rows = list(csv.reader(io.StringIO(table.read_text("utf-8"), newline="")))
        assert len(rows) == len(records) + 1
        assert len({len(row) for row in rows}) == 1, "a cable's text broke the CSV columns"


@pytest.mark.parametrize(
    "body",
    [
        "<p>x</p><img src=x onerror=alert(1)>",
        '<p onclick="alert(1)">x</p>',
        '<a href=" javascript:alert(1)">x</a>',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
        '<script src="https://example.invalid/x.js"></script>',
        "<p>a\x00b</p>",
        "<p>a\x85b</p>",
    ],
)
def test_the_scanner_catches_markup_that_no_template_writes(tmp_path: Path, body: str) -> None:
    """A clean result above means something only if the scanner sees these."""
    allowed = template_vocabulary(REPO / "templates")
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    _, found = scan_site(tmp_path, allowed)
    assert found, f"the scanner let through: {body!r}"


@pytest.mark.slow
def test_hostile_pages_are_valid_html(hostile: Built) -> None:
    """Escaped hostile text must still make valid pages (the huge one aside: it is slow)."""
    from tests.test_html_valid import summary, validate

    pages = [p for p in hostile.output.rglob("*.html") if p.stat().st_size < 1_000_000]
    errors = validate(*pages)
    assert not errors, summary(errors, hostile.output)
