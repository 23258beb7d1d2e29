"""A build that fails or is killed half-way leaves the previous site as it was,
and a finished build replaces the old site in one step.

Builds run as real `cablegen build` processes; the kill is a SIGKILL to the
build's own process group (its render workers too) while its staging folder
fills up, at several depths.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tests.hostile.sitebuild import (
    REPO,
    Built,
    assert_built,
    cablegen,
    run_build,
    site_files,
    write_config,
)

pytestmark = pytest.mark.slow

SEED = REPO / "content" / "cables" / "000_48199af43085af5c.txt"
CLONES = 120
RECOVER_AT = 40


def make_content(dest: Path, extra: int = 0) -> Path:
    """The seeds plus copies of one under new serials: enough pages for a long write."""
    shutil.copytree(REPO / "content", dest)
    text = SEED.read_text("utf-8")
    for n in range(1, CLONES + extra + 1):
        serial = 500000 + n
        clone = text.replace("ASTANA 002159", f"ASTANA {serial:06d}")
        (dest / "cables" / f"clone_{serial}.txt").write_text(
            clone.replace("#2159/", f"#{serial}/"), encoding="utf-8"
        )
    return dest


def leftovers(output: Path) -> list[str]:
    """Staging folders left beside the output."""
    return sorted(p.name for p in output.parent.glob(f".{output.name}.staging-*"))


@pytest.fixture(scope="module")
def first_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("atomic")
    built = run_build(root, make_content(root / "content"), search=False)
    assert_built(built)
    return built


@pytest.fixture
def old_site(tmp_path: Path, first_site: Built) -> tuple[Built, dict[str, bytes]]:
    """A private copy of the first site, for a test to build over."""
    output = tmp_path / "site"
    shutil.copytree(first_site.output, output)
    built = Built(tmp_path, first_site.content, output, 0, "", "", first_site.report)
    return built, site_files(output)


def test_a_template_error_leaves_the_previous_site(
    tmp_path: Path, old_site: tuple[Built, dict[str, bytes]]
) -> None:
    built, before = old_site
    broken = tmp_path / "broken-templates"
    shutil.copytree(REPO / "templates", broken)
    cable = broken / "cable.html"
    source = cable.read_text("utf-8")
    assert "{% block content %}" in source
    cable.write_text(
        source.replace("{% block content %}", "{% block content %}{{ page.no_such_field }}", 1)
    )
    again = run_build(
        tmp_path,
        built.content,
        search=False,
        workdir=tmp_path / "work2",
        config={"templates": str(broken), "cache": str(tmp_path / "cache2")},
    )
    assert again.returncode != 0, "a build whose cable template fails every page succeeded"
    assert "no_such_field" in again.stderr
    assert site_files(built.output) == before
    assert not leftovers(built.output)


def start_build(root: Path, content: Path, output: Path, tag: str) -> subprocess.Popen[bytes]:
    work = root / f"work-{tag}"
    work.mkdir()
    config = write_config(work)
    args = ["build", "--config", config, "--content", content, "--output", output, "--quiet"]
    return subprocess.Popen(
        cablegen(*args, "--no-search"),
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def staged_files(output: Path) -> int:
    return sum(
        len(files)
        for d in output.parent.glob(f".{output.name}.staging-*")
        for *_, files in os.walk(d)
    )


@pytest.mark.parametrize("depth", [1, RECOVER_AT, 250])
def test_a_build_killed_while_writing_leaves_the_previous_site(
    tmp_path: Path, old_site: tuple[Built, dict[str, bytes]], depth: int
) -> None:
    built, before = old_site
    content = make_content(tmp_path / "content-new", extra=5)
    proc = start_build(tmp_path, content, built.output, f"kill-{depth}")
    deadline = time.monotonic() + 300
    try:
        while staged_files(built.output) < depth:
            assert proc.poll() is None, f"the build ended before {depth} files were staged"
            assert time.monotonic() < deadline, "the build never staged its files"
            time.sleep(0.002)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, f"the build had already exited {proc.returncode}"
    assert site_files(built.output) == before, "a killed build changed the previous site"
    if depth != RECOVER_AT:
        return
    # The next build clears what the killed one left and swaps the new site in.
    after = run_build(tmp_path, content, search=False, workdir=tmp_path / "work-after")
    assert_built(after)
    assert not leftovers(built.output), leftovers(built.output)
    assert any(p.name == "09ASTANA500125.html" for p in built.output.rglob("*.html"))


def test_a_new_site_replaces_the_old_in_one_step(
    tmp_path: Path, old_site: tuple[Built, dict[str, bytes]]
) -> None:
    built, before = old_site
    site = built.output
    old_home = before["index.html"]
    seen: list[str] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                home = (site / "index.html").read_bytes()
                marker = (site / ".cablegen-site").is_file()
            except OSError as exc:
                seen.append(f"missing: {exc}")
                continue
            seen.append("old" if home == old_home else ("new" if marker else "torn"))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        content = make_content(tmp_path / "content-next", extra=20)
        after = run_build(tmp_path, content, search=False, workdir=tmp_path / "work-next")
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert_built(after)
    assert seen and seen[0] == "old"
    bad = [s for s in seen if s not in ("old", "new")]
    assert not bad, f"{len(bad)} looks at the site saw it half-made: {bad[:3]}"
    # Old, then new, never back: one switch.
    assert "old" not in seen[seen.index("new") :] if "new" in seen else True
    assert (site / "index.html").read_bytes() != old_home


def test_rewriting_a_staged_file_never_writes_through_to_the_live_site(tmp_path: Path) -> None:
    """Unchanged files are hard-linked from the live site; a second write must not follow."""
    from generator.output.write import MARKER, Staging

    site = tmp_path / "site"
    site.mkdir()
    (site / MARKER).write_text("built\n")
    (site / "page.html").write_bytes(b"old")
    staging = Staging(site)
    staging.put("page.html", b"old")  # linked to the live file
    staging.put("page.html", b"new")  # the same path written again, now different
    assert (site / "page.html").read_bytes() == b"old"
    staging.abort()
    assert (site / "page.html").read_bytes() == b"old"
