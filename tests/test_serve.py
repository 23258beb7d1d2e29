"""The preview server over real HTTP on an ephemeral loopback port."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands.serve import (
    EVENTS_URL,
    SCRIPT_URL,
    PreviewServer,
    bind_warning,
    content_type,
    inject,
    open_server,
    resolve,
)
from generator.commands.watch import BuildEvents, BuildResult

PAGE = b"<!doctype html><html><head><title>T</title></head><body><p>home</p></body></html>"

FILES = {
    "index.html": PAGE,
    "404.html": b"<!doctype html><html><head><title>404</title></head><body>gone</body></html>",
    "sub/index.html": PAGE.replace(b"home", b"sub"),
    "static/site.css": b"body{}",
    "static/site.js": b"1;",
    "cable/2009/12/09ASTANA2159.json": b"{}",
    "cable/2009/12/09ASTANA2159.txt": b"raw",
    "data/cables.csv": b"id\n",
    "data/cables.jsonl": b"{}\n",
    "feed.xml": b"<feed/>",
    "pagefind/pagefind.js": b"1;",
    "pagefind/wasm.en.pagefind": b"\0",
    "pagefind/pagefind-entry.json": b"{}",
    "pagefind/wasm.unknown.wasm": b"\0asm",
    "pagefind/fragment/en_1a2b.pf_fragment": b"\x1f\x8b",
    "pagefind/index/en_3c4d.pf_index": b"\x1f\x8b",
    "pagefind/pagefind.en_5e6f.pf_meta": b"\x1f\x8b",
    "pagefind/filter/en_7a8b.pf_filter": b"\x1f\x8b",
    "fonts/serif.woff2": b"wOF2",
    "img/logo.svg": b"<svg/>",
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for name, data in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (tmp_path / "secret.txt").write_text("do not serve")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "x.html").write_bytes(PAGE)
    (root / "out.txt").symlink_to(tmp_path / "secret.txt")
    (root / "outdir").symlink_to(tmp_path / "outside", target_is_directory=True)
    (root / "inside.css").symlink_to(root / "static" / "site.css")
    return root


@pytest.fixture
def events() -> BuildEvents:
    hub = BuildEvents()
    hub.publish(BuildResult(1, True, "Built 5 cables"))
    return hub


@pytest.fixture
def server(site: Path, events: BuildEvents) -> Iterator[PreviewServer]:
    srv = PreviewServer(("127.0.0.1", 0), site, events)
    thread = threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join()


def get(srv: PreviewServer, path: str, method: str = "GET") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    # http.client sends the path exactly as given: no normalisation of ".." or escapes.
    conn.request(method, path)
    resp = conn.getresponse()
    resp.body = resp.read()  # type: ignore[attr-defined]
    conn.close()
    return resp


@pytest.mark.parametrize(
    ("path", "ctype"),
    [
        ("/index.html", "text/html; charset=utf-8"),
        ("/static/site.css", "text/css; charset=utf-8"),
        ("/static/site.js", "text/javascript; charset=utf-8"),
        ("/cable/2009/12/09ASTANA2159.json", "application/json"),
        ("/cable/2009/12/09ASTANA2159.txt", "text/plain; charset=utf-8"),
        ("/data/cables.csv", "text/csv; charset=utf-8"),
        ("/data/cables.jsonl", "application/jsonl; charset=utf-8"),
        ("/feed.xml", "application/xml"),
        ("/pagefind/pagefind.js", "text/javascript; charset=utf-8"),
        ("/pagefind/pagefind-entry.json", "application/json"),
        ("/pagefind/wasm.unknown.wasm", "application/wasm"),
        ("/pagefind/wasm.en.pagefind", "application/octet-stream"),
        ("/pagefind/fragment/en_1a2b.pf_fragment", "application/octet-stream"),
        ("/pagefind/index/en_3c4d.pf_index", "application/octet-stream"),
        ("/pagefind/pagefind.en_5e6f.pf_meta", "application/octet-stream"),
        ("/pagefind/filter/en_7a8b.pf_filter", "application/octet-stream"),
        ("/fonts/serif.woff2", "font/woff2"),
        ("/img/logo.svg", "image/svg+xml"),
    ],
)
def test_content_types(server: PreviewServer, path: str, ctype: str) -> None:
    resp = get(server, path)
    assert resp.status == 200
    assert resp.getheader("Content-Type") == ctype
    name = path.lstrip("/")
    if not name.endswith(".html"):
        assert resp.body == FILES[name]  # type: ignore[attr-defined]


def test_html_gets_the_reload_script_but_the_file_does_not(
    server: PreviewServer, site: Path
) -> None:
    resp = get(server, "/")
    body = resp.body  # type: ignore[attr-defined]
    assert f'<script src="{SCRIPT_URL}" data-build="1" defer></script></head>'.encode() in body
    assert int(resp.getheader("Content-Length")) == len(body)
    assert (site / "index.html").read_bytes() == PAGE
    assert b"<script" not in get(server, "/static/site.css").body  # type: ignore[attr-defined]


def test_reload_script_is_served(server: PreviewServer) -> None:
    resp = get(server, SCRIPT_URL)
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "text/javascript; charset=utf-8"
    body = resp.body.decode()  # type: ignore[attr-defined]
    assert "EventSource" in body and EVENTS_URL in body
    assert "innerHTML" not in body


def test_missing_path_serves_404_page(server: PreviewServer) -> None:
    resp = get(server, "/no/such/page.html")
    assert resp.status == 404
    assert b"gone" in resp.body  # type: ignore[attr-defined]
    assert SCRIPT_URL.encode() in resp.body  # type: ignore[attr-defined]


def test_404_without_a_404_page(server: PreviewServer, site: Path) -> None:
    (site / "404.html").unlink()
    resp = get(server, "/nothing")
    assert resp.status == 404
    assert b"Not found" in resp.body  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/sub/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "//etc/passwd",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/out.txt",
        "/outdir/x.html",
        "/outdir/",
        "/%00",
        "/%ff%fe",
        "/C:/Windows/win.ini",
    ],
)
def test_no_way_out_of_the_output_folder(server: PreviewServer, path: str) -> None:
    resp = get(server, path)
    assert resp.status == 404
    assert b"do not serve" not in resp.body  # type: ignore[attr-defined]
    assert b"root:" not in resp.body  # type: ignore[attr-defined]


def test_symlink_inside_the_folder_is_served(server: PreviewServer) -> None:
    assert get(server, "/inside.css").status == 200


def test_folder_redirects_to_slash_then_serves_index(server: PreviewServer) -> None:
    resp = get(server, "/sub?q=1")
    assert resp.status == 301
    assert resp.getheader("Location") == "/sub/"
    resp = get(server, "/sub/")
    assert resp.status == 200
    assert b"<p>sub</p>" in resp.body  # type: ignore[attr-defined]


def test_head_sends_headers_only(server: PreviewServer) -> None:
    resp = get(server, "/static/site.css", method="HEAD")
    assert resp.status == 200
    assert resp.getheader("Content-Length") == str(len(FILES["static/site.css"]))
    assert resp.body == b""  # type: ignore[attr-defined]


def test_serves_the_folder_that_replaced_the_output(server: PreviewServer, site: Path) -> None:
    assert b"home" in get(server, "/").body  # type: ignore[attr-defined]
    fresh = site.parent / "site.new"
    fresh.mkdir()
    (fresh / "index.html").write_bytes(PAGE.replace(b"home", b"rebuilt"))
    site.rename(site.parent / "site.old")
    fresh.rename(site)
    assert b"rebuilt" in get(server, "/").body  # type: ignore[attr-defined]
    assert get(server, "/static/site.css").status == 404


def read_event(stream: http.client.HTTPResponse) -> dict[str, object]:
    """The data of the next `build` event on an open event stream."""
    fields: dict[str, str] = {}
    while True:
        line = stream.fp.readline().decode()
        assert line, "event stream closed"
        line = line.rstrip("\n")
        if not line:
            if fields.get("event") == "build":
                return json.loads(fields["data"])
            fields = {}
            continue
        if line.startswith(":"):
            continue
        key, _, value = line.partition(": ")
        fields[key] = value


def open_events(srv: PreviewServer) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    conn.request("GET", EVENTS_URL)
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Content-Type", "").startswith("text/event-stream")
    return resp


def test_events_announce_each_build(server: PreviewServer, events: BuildEvents) -> None:
    stream = open_events(server)
    assert read_event(stream) == {
        "build": 1,
        "ok": True,
        "summary": "Built 5 cables",
        "problems": [],
        "search": 0,
    }
    events.publish(BuildResult(2, False, "build failed: <b>x</b>", ("templates/base.html:3",)))
    failed = read_event(stream)
    assert failed["build"] == 2 and failed["ok"] is False
    assert failed["problems"] == ["templates/base.html:3"]
    # A failed build leaves the site as it was: pages still carry the last good number.
    assert b'data-build="1"' in get(server, "/").body  # type: ignore[attr-defined]
    events.publish(BuildResult(3, True, "Built 6 cables"))
    assert read_event(stream)["build"] == 3
    assert b'data-build="3"' in get(server, "/").body  # type: ignore[attr-defined]
    # The same build announced again (its search index caught up) still reaches the page.
    events.publish(BuildResult(3, True, "Built 6 cables", search=1))
    again = read_event(stream)
    assert again["build"] == 3 and again["search"] == 1
    stream.close()


def test_fifty_event_streams_and_pages_at_once(server: PreviewServer, events: BuildEvents) -> None:
    streams = [open_events(server) for _ in range(50)]
    for stream in streams:
        assert read_event(stream)["build"] == 1
    assert get(server, "/").status == 200
    events.publish(BuildResult(2, True, "again"))
    assert {read_event(s)["build"] for s in streams} == {2}
    for stream in streams:
        stream.close()


def test_resolve_and_inject_units(site: Path) -> None:
    assert resolve(site, "/sub/") == (site / "sub" / "index.html").resolve()
    assert resolve(site, "/sub/index.html?x=1#y") == (site / "sub" / "index.html").resolve()
    assert resolve(site, "/missing") is None
    assert inject(b"<p>no head</p></BODY>", 7).startswith(b"<p>no head</p><script")
    assert inject(b"fragment", 7).endswith(b'data-build="7" defer></script>')
    assert content_type(Path("x.unknownext")) == "application/octet-stream"


def test_bind_warning_only_off_loopback() -> None:
    assert bind_warning("127.0.0.1") is None
    assert bind_warning("::1") is None
    assert bind_warning("localhost") is None
    warning = bind_warning("0.0.0.0")
    assert warning and "0.0.0.0" in warning and "127.0.0.1" in warning


def test_port_in_use_is_explained(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        import sys

        assert open_server("127.0.0.1", port, site, BuildEvents(), sys.stderr) is None
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in err and "--port" in err
