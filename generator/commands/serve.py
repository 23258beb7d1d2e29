"""The preview server: the built site over HTTP, plus live reload.

Only this server adds the live-reload script, and only to the HTML it sends: the
built files never contain it. The output folder is looked up on every request,
because a build replaces the whole folder (write.py swaps it atomically) while
the server runs. Nothing outside the output folder is ever served: the URL path
is decoded once, split into segments, and the resolved file must still lie inside
the resolved output folder, so `..`, `%2e%2e`, absolute paths and symlinks that
point out all end as a 404.
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import shutil
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from generator.commands.watch import BuildEvents, BuildResult

PREFIX = "/__cablegen/"
SCRIPT_URL = PREFIX + "livereload.js"
EVENTS_URL = PREFIX + "events"
# An idle event stream sends a comment this often, so a closed page frees its thread.
KEEPALIVE = 15.0

TEXT = "; charset=utf-8"
CONTENT_TYPES = {
    ".html": "text/html" + TEXT,
    ".htm": "text/html" + TEXT,
    ".css": "text/css" + TEXT,
    ".js": "text/javascript" + TEXT,
    ".mjs": "text/javascript" + TEXT,
    ".json": "application/json",
    ".jsonl": "application/jsonl" + TEXT,
    ".map": "application/json",
    ".txt": "text/plain" + TEXT,
    ".md": "text/markdown" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    # Pagefind's index: compressed binary chunks read by its own script.
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}

_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_NOT_FOUND = b"<!doctype html><title>Not found</title><h1>Not found</h1>\n"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def content_type(path: Path) -> str:
    """The Content-Type header for a file, by extension."""
    known = CONTENT_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed and guessed.startswith("text/"):
        return guessed + TEXT
    return guessed or "application/octet-stream"


def resolve(root: Path, url_path: str) -> Path | None:
    """The file inside `root` that a URL path names, or None if it names none.

    Directories resolve to their index.html. The answer is always a regular file
    whose real path lies inside the real `root`.
    """
    path = unquote(urlsplit(url_path).path, errors="strict")
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." or ":" in p for p in parts):
        return None
    try:
        base = root.resolve(strict=True)
        target = base.joinpath(*parts).resolve(strict=True)
        if target.is_dir():
            target = (target / "index.html").resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if target != base and base not in target.parents:
        return None
    return target if target.is_file() else None


def inject(html: bytes, build: int) -> bytes:
    """Add the live-reload script tag to an HTML page (end of head, else end of body)."""
    tag = f'<script src="{SCRIPT_URL}" data-build="{build}" defer></script>'.encode()
    for pattern in (_HEAD_END, _BODY_END):
        match = pattern.search(html)
        if match:
            return html[: match.start()] + tag + html[match.start() :]
    return html + tag


def event_data(result: BuildResult) -> bytes:
    """One Server-Sent Events message announcing a build."""
    payload = {
        "build": result.number,
        "ok": result.ok,
        "summary": result.summary,
        "problems": list(result.problems),
        "search": result.search,
    }
    data = json.dumps(payload, ensure_ascii=False)
    return f"id: {result.number}\nevent: build\ndata: {data}\n\n".encode()


def _script() -> bytes:
    return resources.files("generator").joinpath("livereload.js").read_bytes()


class PreviewHandler(BaseHTTPRequestHandler):
    """GET/HEAD for files in the output folder, the live-reload script and events."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        if path == SCRIPT_URL:
            self._send_bytes(HTTPStatus.OK, "text/javascript" + TEXT, _script(), send_body)
        elif path == EVENTS_URL:
            self._stream_events(send_body)
        else:
            self._send_file(send_body)

    def _send_file(self, send_body: bool) -> None:
        root = self.server.root
        try:
            target = resolve(root, self.path)
        except UnicodeDecodeError:
            target = None
        path = urlsplit(self.path).path
        if target is not None and target.name == "index.html" and not path.endswith(("/", ".html")):
            # Relative links in a folder's index page only work from a URL ending in "/".
            self._redirect(path + "/")
            return
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = resolve(root, "/404.html")
        if target is None:
            body = inject(_NOT_FOUND, self.server.events.last_good)
            self._send_bytes(status, "text/html" + TEXT, body, send_body)
            return
        ctype = content_type(target)
        try:
            fh = target.open("rb")
        except OSError:
            # The build swapped the folder between resolving and opening: that file is
            # gone, and what replaced it is the next request's business.
            body = inject(_NOT_FOUND, self.server.events.last_good)
            self._send_bytes(HTTPStatus.NOT_FOUND, "text/html" + TEXT, body, send_body)
            return
        with fh:
            if ctype.startswith("text/html"):
                body = inject(fh.read(), self.server.events.last_good)
                self._send_bytes(status, ctype, body, send_body)
                return
            self._headers(status, ctype, os.fstat(fh.fileno()).st_size)
            if send_body:
                shutil.copyfileobj(fh, self.wfile)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _headers(self, status: int, ctype: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(length))
        # A preview must always show the latest build.
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()

    def _send_bytes(self, status: int, ctype: str, body: bytes, send_body: bool) -> None:
        self._headers(status, ctype, len(body))
        if send_body:
            self.wfile.write(body)

    def _stream_events(self, send_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream" + TEXT)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if not send_body:
            return
        events = self.server.events
        try:
            # The page learns the current state at once: a failed build shows its overlay.
            seen, latest = events.current()
            self.wfile.write(b"retry: 500\n\n")
            if latest is not None:
                self.wfile.write(event_data(latest))
            self.wfile.flush()
            # Every publish is sent, even of the same build: a build announces its pages,
            # then its end (with any skipped inputs), then each search index update.
            while not self.server.stopping:
                newer = events.wait_newer(seen, KEEPALIVE)
                if newer is None:
                    self.wfile.write(b": keepalive\n\n")
                else:
                    seen, result = newer
                    self.wfile.write(event_data(result))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # A line per request would bury the build messages; server errors still show.
        if isinstance(code, int) and code >= 500:
            super().log_request(code, size)


class PreviewServer(ThreadingHTTPServer):
    """A threaded HTTP server for one output folder; one thread per connection."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], root: Path, events: BuildEvents | None = None
    ) -> None:
        self.root = root
        self.events = events or BuildEvents()
        self.stopping = False
        super().__init__(address, PreviewHandler)

    @property
    def url(self) -> str:
        """The server's base URL, e.g. http://127.0.0.1:8000/."""
        host, port = self.server_address[:2]
        host = str(host)
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def server_close(self) -> None:
        """Release open event streams, then close the socket."""
        self.stopping = True
        self.events.close()
        super().server_close()


class PreviewServer6(PreviewServer):
    """The same server on an IPv6 address (--bind ::1)."""

    address_family = socket.AF_INET6


def bind_warning(bind: str) -> str | None:
    """A warning when the server would be reachable from other machines."""
    if bind in LOOPBACK or bind.startswith("127."):
        return None
    return (
        f"warning: --bind {bind} makes the preview server reachable from other machines; "
        "it is meant for local use (use --bind 127.0.0.1 to keep it local)"
    )


def open_server(
    bind: str, port: int, root: Path, events: BuildEvents, err: IO[str]
) -> PreviewServer | None:
    """Bind the server, or explain why it cannot be bound (port in use, bad address)."""
    warning = bind_warning(bind)
    if warning:
        print(warning, file=err)
    cls = PreviewServer6 if ":" in bind else PreviewServer
    try:
        return cls((bind, port), root, events)
    except OSError as exc:
        print(
            f"error: cannot listen on {bind}:{port}: {exc.strerror or exc}; "
            "pick another port with --port, e.g. --port 8001",
            file=err,
        )
        return None
