"""The preview server under load: 50 clients for 20 seconds on loopback, no failed request.

The server is the real `cablegen serve` in its own process. Every client checks
what it gets back against the built files, so a truncated or mixed-up answer
counts as a failure as much as a refused connection. Nothing here asserts how
fast the server is; the request count is printed for the curious.
"""

from __future__ import annotations

import http.client
import random
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hostile.sitebuild import cablegen, copy_repo_content, write_config

CLIENTS = 50
DURATION = 20.0
SOCKET_TIMEOUT = 15.0
STARTUP_TIMEOUT = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"cablegen serve exited with {proc.returncode} before serving")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/index.html")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"cablegen serve did not answer on port {port} in time")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    root = tmp_path_factory.mktemp("load")
    content = root / "content"
    copy_repo_content(content)
    (content / "cables").mkdir(exist_ok=True)
    for path in sorted((Path(__file__).parent.parent / "content" / "cables").glob("*")):
        (content / "cables" / path.name).write_bytes(path.read_bytes())
    work = root / "work"
    work.mkdir()
    config = write_config(work)
    port = free_port()
    output = root / "site"
    args = ["serve", "--no-watch", "--port", str(port), "--bind", "127.0.0.1"]
    args += ["--config", str(config), "--content", str(content), "--output", str(output)]
    log = (root / "serve.log").open("wb")
    proc = subprocess.Popen(cablegen(*args), cwd=work, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(port, proc)
        yield port, output
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@dataclass
class Tally:
    requests: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, message: str) -> None:
        with self.lock:
            if len(self.failures) < 50:
                self.failures.append(message)
            else:
                self.failures[-1] = f"... and more; last: {message}"


def expected_files(output: Path) -> dict[str, bytes]:
    files = sorted(p for p in output.rglob("*") if p.is_file())
    # A spread of the site: every HTML page kind, the records and some search chunks.
    picked = files if len(files) <= 400 else random.Random(0).sample(files, 400)
    return {"/" + p.relative_to(output).as_posix(): p.read_bytes() for p in picked}


def check(url: str, status: int, body: bytes, files: dict[str, bytes]) -> str | None:
    if url not in files:
        return None if status == 404 else f"{url}: expected 404, got {status}"
    if status != 200:
        return f"{url}: status {status}"
    want = files[url]
    if url.endswith(".html"):
        # The server adds its live-reload script to pages; the rest is the file as built.
        if len(body) < len(want) or body[:15].lower() != want[:15].lower():
            return f"{url}: page body differs from the built file ({len(body)} bytes)"
    elif body != want:
        return f"{url}: {len(body)} bytes differ from the built file's {len(want)}"
    return None


def client(n: int, port: int, files: dict[str, bytes], stop: float, tally: Tally) -> None:
    urls = [*files, "/no-such-page.html", "/../etc/passwd", "/%2e%2e/secret"]
    rng = random.Random(n)
    conn: http.client.HTTPConnection | None = None
    count = 0
    while time.monotonic() < stop:
        url = rng.choice(urls)
        try:
            if conn is None or count % 20 == 0:
                if conn is not None:
                    conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=SOCKET_TIMEOUT)
            conn.request("GET", url)
            response = conn.getresponse()
            body = response.read()
            problem = check(url, response.status, body, files)
            if problem:
                tally.fail(problem)
        except (OSError, http.client.HTTPException) as exc:
            tally.fail(f"{url}: {type(exc).__name__}: {exc}")
            if conn is not None:
                conn.close()
            conn = None
        count += 1
        with tally.lock:
            tally.requests += 1
    if conn is not None:
        conn.close()


@pytest.mark.slow
def test_fifty_clients_for_twenty_seconds_without_a_failed_request(
    served: tuple[int, Path],
) -> None:
    port, output = served
    files = expected_files(output)
    assert any(url.endswith(".html") for url in files), "the served site has no pages"
    tally = Tally()
    stop = time.monotonic() + DURATION
    threads = [
        threading.Thread(target=client, args=(n, port, files, stop, tally), daemon=True)
        for n in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION + SOCKET_TIMEOUT + 10)
    stuck = sum(thread.is_alive() for thread in threads)
    print(f"{tally.requests} requests from {CLIENTS} clients in {DURATION:.0f} s")
    assert stuck == 0, f"{stuck} clients still waiting on the server after the hard stop"
    assert tally.requests > CLIENTS, "the clients barely got an answer"
    assert not tally.failures, "failed requests:\n" + "\n".join(tally.failures)
