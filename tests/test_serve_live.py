"""`cablegen serve` end to end: the real build, real file edits, real watchdog events.

Each test edits a file in a copy of the project and waits for the build event on
the server's event stream, then checks what the server serves.
"""

from __future__ import annotations

import http.client
import io
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.commands.build import parse_paths
from generator.commands.preview import SiteBuilder, start_watching
from generator.commands.serve import EVENTS_URL, PreviewServer
from generator.commands.watch import BuildEvents
from tests.conftest import ROOT
from tests.test_serve import read_event

pytestmark = pytest.mark.slow


@dataclass
class Live:
    root: Path
    server: PreviewServer
    events: BuildEvents
    log: io.StringIO

    def get(self, path: str) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(*self.server.server_address[:2], timeout=30)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        return resp.status, body

    def stream(self) -> http.client.HTTPResponse:
        conn = http.client.HTTPConnection(*self.server.server_address[:2], timeout=60)
        conn.request("GET", EVENTS_URL)
        return conn.getresponse()


def make_project(root: Path) -> Path:
    """A copy of the repository's content, templates and static files, and a config."""
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, root / name)
    config = root / "cablegen.toml"
    config.write_text('title = "Live test"\nsearch = false\njobs = 1\n', encoding="utf-8")
    return config


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    from generator import config as config_mod

    config_file = make_project(tmp_path)
    config = config_mod.load(config_file)
    log = io.StringIO()
    events = BuildEvents()
    builder = SiteBuilder(config, config_file, {}, log, quiet=True)
    first = builder(None, 1)
    assert first.ok, first.summary
    events.publish(first)
    server = PreviewServer(("127.0.0.1", 0), config.output, events)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    rebuilder, watcher = start_watching(builder, events, first=2)
    try:
        yield Live(tmp_path, server, events, log)
    finally:
        watcher.stop()
        rebuilder.stop()
        server.shutdown()
        server.server_close()
        thread.join()


def first_cable_page(site: Path) -> Path:
    pages = sorted((site / "cable").rglob("*.html"))
    assert pages, "the build wrote no cable page"
    return pages[0]


def test_edited_cable_is_rebuilt_and_announced(live: Live) -> None:
    site = live.root / "site"
    page = first_cable_page(site)
    url = "/" + page.relative_to(site).as_posix()
    stream = live.stream()
    assert read_event(stream)["build"] == 1
    # The page's own cable is found by its ID, which the file name does not carry.
    outcomes = parse_paths(live.root / "content" / "cables")
    source = next(
        live.root / "content" / "cables" / o.path
        for o in outcomes
        if o.cable is not None and o.cable.id == page.stem
    )
    text = source.read_text("utf-8")
    marker = "ZEBRAFINCH"
    subject_line = next(line for line in text.splitlines() if "SUBJECT" in line)
    source.write_text(text.replace(subject_line, subject_line + " " + marker), "utf-8")
    event = read_event(stream)
    assert event["build"] == 2 and event["ok"] is True
    status, body = live.get(url)
    assert status == 200
    assert marker.encode() in body
    assert b'data-build="2"' in body


def test_template_error_keeps_the_last_good_site(live: Live) -> None:
    stream = live.stream()
    assert read_event(stream)["build"] == 1
    before = live.get("/")[1]
    base = live.root / "templates" / "base.html"
    base.write_text(base.read_text("utf-8") + "\n{% if %}\n", "utf-8")
    event = read_event(stream)
    assert event["ok"] is False
    assert "base.html" in str(event["summary"])
    assert "build failed" in live.log.getvalue()
    status, after = live.get("/")
    assert status == 200 and after == before
    base.write_text(base.read_text("utf-8").replace("\n{% if %}\n", ""), "utf-8")
    fixed = read_event(stream)
    assert fixed["ok"] is True and fixed["build"] == 3


def test_unreadable_cable_is_reported_to_the_page(live: Live) -> None:
    stream = live.stream()
    assert read_event(stream)["build"] == 1
    bad = live.root / "content" / "cables" / "zz_not_a_cable.txt"
    bad.write_text("This is a shopping list, not a cable.\n", "utf-8")
    event = read_event(stream)
    assert event["ok"] is True
    assert any("zz_not_a_cable.txt" in str(p) for p in event["problems"])  # type: ignore[attr-defined]


def test_serve_command_refuses_a_missing_content_folder(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "serve", "--content", str(tmp_path / "none")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "no such content folder" in proc.stderr


def test_config_edit_is_checked_and_applied(live: Live) -> None:
    stream = live.stream()
    assert read_event(stream)["build"] == 1
    config = live.root / "cablegen.toml"
    good = config.read_text("utf-8")
    config.write_text(good + "page_size = 0\n", "utf-8")
    broken = read_event(stream)
    assert broken["ok"] is False
    assert any("page_size = 0" in str(p) for p in broken["problems"])  # type: ignore[attr-defined]
    config.write_text(good.replace("Live test", "Renamed archive"), "utf-8")
    fixed = read_event(stream)
    assert fixed["ok"] is True
    assert b"Renamed archive" in live.get("/")[1]
