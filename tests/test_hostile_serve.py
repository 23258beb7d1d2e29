"""The preview server answers 404 to every attempt to read outside the output folder.

A real server on loopback, a real socket, and request lines written byte for
byte, so no client library tidies the path before the server sees it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands.serve import PreviewServer

SECRET = b"SECRET-OUTSIDE-THE-SITE"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PreviewServer, Path]]:
    base = tmp_path_factory.mktemp("traversal")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(SECRET)
    (base / "secret.txt").write_bytes(SECRET)
    site = base / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>home</title><p>home</p>")
    (site / "404.html").write_text("<!doctype html><title>404</title><p>not here</p>")
    (site / "a" / "b" / "page.html").write_text("<!doctype html><title>p</title><p>page</p>")
    (site / "link").symlink_to(outside, target_is_directory=True)
    (site / "file-link.txt").symlink_to(outside / "secret.txt")
    srv = PreviewServer(("127.0.0.1", 0), site)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield srv, base
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=10)


def raw_get(srv: PreviewServer, target: str | bytes) -> tuple[int, bytes]:
    """Send one GET with `target` exactly as given; return status (0: no answer) and body."""
    host, port = srv.server_address[:2]
    if isinstance(target, str):
        target = target.encode("latin-1")
    request = b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with socket.create_connection((str(host), int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    status_line, _, rest = response.partition(b"\r\n")
    _, _, body = rest.partition(b"\r\n\r\n")
    words = status_line.split()
    return (int(words[1]) if len(words) > 1 and words[1].isdigit() else 0), body


def test_files_inside_are_served(server: tuple[PreviewServer, Path]) -> None:
    srv, _ = server
    assert raw_get(srv, "/a/b/page.html")[0] == 200
    assert raw_get(srv, "/index.html")[0] == 200
    assert raw_get(srv, "/a/b/../b/page.html")[0] in (200, 404)


def _attempts(base: Path) -> list[str | bytes]:
    absolute = str(base / "secret.txt")
    quoted_abs = absolute.replace("/", "%2f")
    return [
        "/../secret.txt",
        "/../outside/secret.txt",
        "/a/../../outside/secret.txt",
        "/a/b/../../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/outside/secret.txt",
        "/a/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/a%2f..%2f..%2fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/..\\secret.txt",
        "/a\\..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/a/..%5c..%5csecret.txt",
        "/..;/secret.txt",
        "/" + absolute,
        "/" + quoted_abs,
        quoted_abs,
        "//" + absolute.lstrip("/"),
        "/link/secret.txt",
        "/link/",
        "/file-link.txt",
        "/index.html%00",
        "/index.html%00.txt",
        "/%00/../secret.txt",
        "/C:/Windows/win.ini",
        "/C:%5cWindows%5cwin.ini",
        "../secret.txt",
        "http://127.0.0.1/../secret.txt",
        "http://127.0.0.1/%2e%2e/secret.txt",
        b"/\xc0\xae\xc0\xae/secret.txt",
        b"/\xff\xfe/secret.txt",
    ]


def test_every_traversal_attempt_is_a_404(server: tuple[PreviewServer, Path]) -> None:
    srv, base = server
    wrong = []
    for target in _attempts(base):
        status, body = raw_get(srv, target)
        if status != 404 or SECRET in body:
            wrong.append(f"{target!r}: {status} {body[:60]!r}")
    assert not wrong, "traversal attempts not answered 404:\n" + "\n".join(wrong)


def test_the_404_page_is_the_sites_own(server: tuple[PreviewServer, Path]) -> None:
    srv, _ = server
    status, body = raw_get(srv, "/../secret.txt")
    assert status == 404
    assert b"not here" in body
