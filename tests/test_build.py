"""`cablegen build` end to end on the seeds: pages, records, report, exit codes, safe writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from generator import config, urls
from generator.commands import build as build_mod
from generator.commands.cli import main
from generator.output import write
from generator.pipeline import phases, pool, update
from generator.source import read

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "content" / "cables"
VERSIONS = ROOT / "tests" / "data" / "versions"
NOT_A_CABLE = "Dear editor,\nthis is a letter, not a cable.\n"
# A short cable citing the seed 09ASTANA2159, so the seeds' pages have a "Referenced by".
FOLLOW_UP = """VZCZCXYZ0001
PP RUEHC
DE RUEHTA #0010/01 0050600
ZNR UUUUU ZZH
P 050600Z JAN 10
FM AMEMBASSY ASTANA
TO RUEHC/SECSTATE WASHDC PRIORITY 0001

C O N F I D E N T I A L ASTANA 000010

SIPDIS

E.O. 12958: DECL: 01/05/2020
TAGS: PGOV PREL KZ
SUBJECT: KAZAKHSTAN: FOLLOW-UP ON CIVIL SOCIETY

REF: 09 ASTANA 2159

Classified By: Ambassador Richard Hoagland, reasons 1.4 (b) and (d).

1. (C) Following up reftel, XXXXXXXXXXXX told us more.

HOAGLAND
"""


def make_content(folder: Path, extra: dict[str, str] | None = None) -> Path:
    """A content folder holding the seeds plus `extra` files (name -> text) under cables/."""
    shutil.copytree(SEEDS, folder / "cables")
    for name, text in (extra or {}).items():
        (folder / "cables" / name).write_text(text, encoding="utf-8")
    if (ROOT / "content" / "pages").is_dir():
        shutil.copytree(ROOT / "content" / "pages", folder / "pages")
    return folder


def site_config(tmp: Path, content: Path, **changes: object) -> config.SiteConfig:
    cfg = config.load(
        overrides={
            "content": content,
            "output": tmp / "site",
            "templates": ROOT / "templates",
            "static": ROOT / "static",
            "cache": tmp / "cache",
        },
        root=tmp,
    )
    return replace(cfg, search=False, **changes)  # type: ignore[arg-type]


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def seed_cables(content: Path) -> list:
    """The seeds parsed one by one, named relative to the content folder as the build does."""
    sources = [read.read_file(p, content) for p in read.cable_files(content / "cables")]
    return [c for c in (build_mod.cable_from_source(s).cable for s in sources) if c]


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[config.SiteConfig, object]:
    tmp = tmp_path_factory.mktemp("seeds")
    cfg = site_config(tmp, make_content(tmp / "content"))
    return cfg, build_mod.build(cfg, jobs=1)


def test_every_seed_becomes_a_page_with_record_and_raw_text(seeds_site: tuple) -> None:
    cfg, report = seeds_site
    assert report.inputs == 5 and report.cables == 5 and report.skipped == ()
    cables = seed_cables(cfg.content)
    assert len(cables) == 5
    for cable in cables:
        month = int(cable.created[5:7]) if cable.created else None
        page = urls.cable(cable.id, cable.year, month)
        html = (cfg.output / page).read_text("utf-8")
        assert cable.id in html and "data-pagefind-body" in html
        record = (cfg.output / urls.cable_json(page)).read_text("utf-8")
        assert record == json.dumps(cable.record(), ensure_ascii=False) + "\n"
        assert list(json.loads(record)) == list(cable.record())
        raw = (cfg.output / urls.cable_raw(page)).read_bytes()
        assert raw == cable.raw.encode("utf-8")
    assert (cfg.output / "static" / "site.css").is_file()
    assert (cfg.output / write.MARKER).is_file()


def test_timings_cover_every_stage(seeds_site: tuple) -> None:
    _, report = seeds_site
    stages = ["parse", "link", "render", "lists", "index", "write"]
    assert [s for s in report.timings if s in stages] == stages
    assert all(v >= 0 for v in report.timings.values())


def test_output_has_no_absolute_paths(seeds_site: tuple) -> None:
    cfg, _ = seeds_site
    for rel, data in files(cfg.output).items():
        text = data.decode("utf-8", "replace")
        for path in (str(cfg.output), str(cfg.content), str(ROOT)):
            assert path not in text, f"{rel} names {path}"


def test_rebuild_is_byte_identical_and_keeps_unchanged_files(tmp_path: Path) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    first = files(cfg.output)
    page = next(p for p in cfg.output.rglob("*.html") if "/cable/" in p.as_posix())
    inode = page.stat().st_ino
    build_mod.build(cfg, jobs=1)
    assert files(cfg.output) == first
    # Unchanged bytes are linked from the previous site, not rewritten.
    assert page.stat().st_ino == inode
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")]
    assert leftovers == []


def test_worker_processes_give_the_same_site(tmp_path: Path, monkeypatch) -> None:
    content = make_content(tmp_path / "content")
    one = site_config(tmp_path / "a", content)
    build_mod.build(one, jobs=1)
    monkeypatch.setattr(pool, "IN_PROCESS_BELOW", 0)
    two = site_config(tmp_path / "b", content)
    report = build_mod.build(two, jobs=2)
    assert report.cables == 5
    assert files(two.output) == files(one.output)


def test_progress_is_reported_per_stage(tmp_path: Path) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    calls: list[tuple[str, int, int]] = []
    build_mod.build(cfg, jobs=1, progress=lambda s, d, t: calls.append((s, d, t)))
    assert ("parse", 5, 5) in calls and ("render", 5, 5) in calls


def test_bad_inputs_are_skipped_with_reasons_and_a_second_copy_is_no_skip(
    tmp_path: Path,
) -> None:
    copy = sorted(SEEDS.iterdir())[0].read_text("utf-8")
    content = make_content(
        tmp_path / "content", {"zz_letter.txt": NOT_A_CABLE, "zz_copy.txt": copy}
    )
    report_file = tmp_path / "report.json"
    args = ["build", "--content", str(content), "--output", str(tmp_path / "site")]
    args += ["--report", str(report_file), "--no-search", "--quiet", "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(report_file.read_text("utf-8"))
    assert set(report) >= {"inputs", "cables", "skipped", "warnings", "timings", "versions"}
    assert report["inputs"] == 7 and report["cables"] == 5
    # The same text twice is one version of one cable (tests/test_versions.py).
    assert report["versions"] == 5
    reasons = {s["path"]: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"cables/zz_letter.txt"}
    assert reasons["cables/zz_letter.txt"].startswith("cables/zz_letter.txt")
    strict = CliRunner().invoke(main, [*args, "--strict"])
    assert strict.exit_code == 1


def test_strict_build_of_clean_input_exits_0(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    args = ["build", "--content", str(content), "--output", str(tmp_path / "site")]
    result = CliRunner().invoke(main, [*args, "--strict", "--no-search", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "Built 5 cables" in result.output


def test_bad_config_exits_2_naming_every_error(tmp_path: Path) -> None:
    bad = tmp_path / "cablegen.toml"
    bad.write_text('page_size = "many"\nbase_url = "ftp://x"\n', encoding="utf-8")
    content = make_content(tmp_path / "content")
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(bad)]
        + ["--content", str(content), "--output", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert "page_size = 'many'" in proc.stderr and "base_url" in proc.stderr
    assert not (tmp_path / "site").exists()


def test_missing_content_folder_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["build", "--content", str(tmp_path / "nope"), "--output", str(tmp_path / "s")]
    )
    assert result.exit_code == 2


def test_failed_build_leaves_the_previous_site(tmp_path: Path, monkeypatch) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    before = files(cfg.output)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("index failed")

    monkeypatch.setattr(build_mod, "index_phase", broken)
    (cfg.content / "cables" / sorted(os.listdir(cfg.content / "cables"))[0]).unlink()
    # Another cache: nothing to patch, so this is a full build into a staging folder.
    with pytest.raises(RuntimeError):
        build_mod.build(replace(cfg, cache=tmp_path / "other-cache"), jobs=1)
    assert files(cfg.output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_failed_incremental_update_leaves_the_previous_site(tmp_path: Path, monkeypatch) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    before = files(cfg.output)
    drawn: list[str] = []

    def draw_then_fail(run: object, sink: object, page: object) -> str:
        drawn.append(phases.draw_one(run, sink, page))  # type: ignore[arg-type]
        raise RuntimeError("list page failed")

    monkeypatch.setattr(update, "draw_one", draw_then_fail)
    (cfg.content / "cables" / sorted(os.listdir(cfg.content / "cables"))[0]).unlink()
    with pytest.raises(RuntimeError):
        build_mod.build(cfg, jobs=1)
    assert drawn, "the update failed before it drew any page"
    assert files(cfg.output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


def test_a_patch_killed_after_its_journal_is_finished_by_the_next_build(tmp_path: Path) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    site = cfg.output
    page, gone = sorted(p.relative_to(site).as_posix() for p in site.glob("cable/*/*/*.html"))[:2]
    patch = write.Patch(site)
    patch.put(page, b"<p>patched</p>")
    patch.delete(gone)
    patch.seal()
    # As if the build died right after sealing: its folder and journal belong to a dead pid.
    pid = _dead_pid()
    for path in tmp_path.glob(f".site.patch-{os.getpid()}*"):
        path.rename(tmp_path / path.name.replace(f"-{os.getpid()}", f"-{pid}"))
    assert (site / page).read_bytes() != b"<p>patched</p>"
    write.Patch(site).abort()  # any build starts by recovering
    assert (site / page).read_bytes() == b"<p>patched</p>"
    assert not (site / gone).exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_a_patch_killed_before_its_journal_leaves_the_site(tmp_path: Path) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    before = files(cfg.output)
    patch = write.Patch(cfg.output)
    patch.put("index.html", b"half done")
    pid = _dead_pid()
    patch.root.rename(tmp_path / f".site.patch-{pid}")
    write.Patch(cfg.output).abort()
    assert files(cfg.output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_killed_build_is_recovered(tmp_path: Path) -> None:
    output = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    moved = tmp_path / f".site.old-{dead.pid}"
    moved.mkdir()
    (moved / write.MARKER).write_text("x")
    (moved / "index.html").write_text("previous")
    stale = tmp_path / f".site.staging-{dead.pid}"
    stale.mkdir()
    staging = write.Staging(output)
    assert (output / "index.html").read_text() == "previous"
    assert not moved.exists() and not stale.exists()
    staging.abort()


def test_writes_never_leave_the_output(tmp_path: Path) -> None:
    staging = write.Staging(tmp_path / "site")
    outside = tmp_path / "outside"
    outside.mkdir()
    (staging.root / "link").symlink_to(outside)
    for rel in ("../x.html", "/etc/x.html", "a/../../x.html", "link/x.html", "", "a\\..\\x"):
        with pytest.raises(write.OutputError):
            staging.put(rel, b"x")
    assert list(outside.iterdir()) == []
    staging.abort()


def test_foreign_output_folder_is_never_replaced(tmp_path: Path) -> None:
    output = tmp_path / "documents"
    output.mkdir()
    (output / "thesis.txt").write_text("precious")
    with pytest.raises(write.OutputError, match="not built by cablegen"):
        write.Staging(output)
    content = make_content(tmp_path / "content")
    result = CliRunner().invoke(
        main, ["build", "--content", str(content), "--output", str(output), "--no-search"]
    )
    assert result.exit_code == 2
    assert (output / "thesis.txt").read_text() == "precious"


def test_every_template_is_used_by_a_build(tmp_path: Path, monkeypatch) -> None:
    used: set[str] = set()
    original = jinja2.FileSystemLoader.get_source

    def recording(self, environment, template):  # type: ignore[no-untyped-def]
        used.add(template)
        return original(self, environment, template)

    monkeypatch.setattr(jinja2.FileSystemLoader, "get_source", recording)
    # A cable in two texts: its diff page is drawn from templates of its own.
    pair = {f"zz_{p.name}": p.read_text("utf-8") for p in sorted(VERSIONS.glob("*.txt"))}
    files = {"follow.txt": FOLLOW_UP, **pair}
    cfg = site_config(tmp_path, make_content(tmp_path / "content", files))
    build_mod.build(cfg, jobs=1)  # a new build reads its templates afresh
    templates = {
        p.relative_to(cfg.templates).as_posix()
        for p in cfg.templates.rglob("*.html")
        if p.is_file()
    }
    assert templates - used == set()
    cited = (cfg.output / "cable/2009/12/09ASTANA2159.html").read_text("utf-8")
    assert 'href="../../2010/01/10ASTANA10.html"' in cited
    citing = (cfg.output / "cable/2010/01/10ASTANA10.html").read_text("utf-8")
    assert '<a class="ref" href="#ref-1">reftel</a>' in citing
    assert 'href="../../2009/12/09ASTANA2159.html"' in citing


def test_broken_template_exits_2_and_keeps_the_site(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    content = make_content(tmp_path / "content")
    toml = tmp_path / "cablegen.toml"
    toml.write_text(
        f'templates = "{templates}"\nstatic = "{ROOT / "static"}"\ncache = "{tmp_path / "c"}"\n'
    )
    args = ["build", "--config", str(toml), "--content", str(content)]
    args += ["--output", str(tmp_path / "site"), "--no-search", "--jobs", "1"]
    assert CliRunner().invoke(main, args).exit_code == 0
    before = files(tmp_path / "site")
    home = sorted(p for p in templates.glob("*.html") if p.name not in ("base.html", "cable.html"))
    home[0].write_text('{% extends "base.html" %}{% block content %}{{ page.nope(}}{% endblock %}')
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "template error" in result.output and home[0].name in result.output
    assert files(tmp_path / "site") == before
    # Without the site's copy of a template, the theme's is used again.
    home[0].unlink()
    assert CliRunner().invoke(main, args).exit_code == 0
    assert files(tmp_path / "site") == before


def test_pages_need_no_inline_script_or_style(seeds_site: tuple) -> None:
    """The Content-Security-Policy forbids inline code; JSON-LD data blocks are allowed."""
    cfg, _ = seeds_site
    pages = sorted(cfg.output.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text("utf-8")
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, f"{page}: {tag}"
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), page
        assert not re.search(r"<style\b|\sstyle\s*=", html), page


def test_site_without_editorial_pages_links_no_about_page(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    shutil.rmtree(content / "pages", ignore_errors=True)
    cfg = site_config(tmp_path, content, default_pages=())
    build_mod.build(cfg, jobs=1)
    page = (cfg.output / "cable/2009/12/09ASTANA2159.html").read_text("utf-8")
    assert "about/index.html" not in page
    home = (cfg.output / "index.html").read_text("utf-8")
    assert "about/index.html" not in home and "how-to-read/index.html" not in home
    with_about = site_config(tmp_path / "b", make_content(tmp_path / "b" / "content"))
    build_mod.build(with_about, jobs=1)
    page = (with_about.output / "cable/2009/12/09ASTANA2159.html").read_text("utf-8")
    assert page.count('href="../../../about/index.html"') == 2


def test_every_jsonl_line_is_the_record_beside_its_page(tmp_path: Path) -> None:
    cfg = site_config(tmp_path, make_content(tmp_path / "content"))
    build_mod.build(cfg, jobs=1)
    lines = (cfg.output / urls.export("cables.jsonl")).read_text("utf-8").splitlines()
    records = sorted(cfg.output.glob("cable/*/*/*.json"))
    assert len(lines) == len(records) == 5
    by_id = {json.loads(line)["id"]: json.loads(line) for line in lines}
    for path in records:
        record = json.loads(path.read_text("utf-8"))
        assert by_id[record["id"]] == record
