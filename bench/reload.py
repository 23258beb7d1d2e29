"""Save-to-reload latency of `cablegen serve`: from writing an edited cable to the new page.

    python -m bench.reload                          # seeds + dev corpus, then 10,000 synthetic
    python -m bench.reload --sets dev --edits 10
    python -m bench.reload --sets 10000 --browser   # also time a real reload in Chromium

The real server runs in its own process (`python -m generator serve`) on a copy of
the corpus. An event-stream
client listens as an open page does. For each edit it records:

- event: from the write of the file to the build event arriving (debounce + rebuild);
- page: until the edited cable's page has been fetched again and shows the edit,
  which is what an open page does when the event arrives;
- browser (with --browser): until headless Chromium, showing that page, has reloaded
  it and displays the edit;
- done: until the build's closing event (exports and cache written after the pages);
- search (with search on): until the background search index has taken the edit in.

Each edit waits for the previous one to settle (its closing event, and its search
index with --wait-search), so edits are timed one at a time, as an author saves,
looks, and saves again; --rapid skips that wait, timing saves in quick succession.

Results are printed as a table and written to bench/out/reload.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import synth

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
DEV = Path(os.environ.get("CABLEGEN_DEV_CORPUS", REPO.parent / "shared" / "corpus" / "dev"))
CONFIG = """content = "{content}"
output = "{output}"
cache = "{cache}"
templates = "{repo}/templates"
static = "{repo}/static"
search = {search}
"""
STARTUP = 1800.0
REBUILD = 300.0
CHROMIUM = Path("/usr/bin/chromium")


@dataclass
class Edit:
    file: str
    event: float
    page: float
    fresh: bool
    browser: float | None = None
    summary: str = ""
    done: float | None = None
    search: float | None = None
    kind: str = "body"


@dataclass
class Result:
    name: str
    files: int
    first_build: float
    edits: list[Edit] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(name: str, search: bool) -> tuple[Path, Path]:
    """(work folder with cablegen.toml, content folder) for a corpus set."""
    work = OUT / f"reload-{name}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if name == "dev":
        content = work / "content"
        (content / "cables").mkdir(parents=True)
        sources = sorted((REPO / "content" / "cables").glob("*.txt"))
        if DEV.is_dir():
            sources += sorted(DEV.glob("*.txt"))
        else:
            print(f"dev corpus not found at {DEV}; set CABLEGEN_DEV_CORPUS", file=sys.stderr)
        for path in sources:
            shutil.copyfile(path, content / "cables" / path.name)
    else:
        size = int(name)
        corpus = HERE / f"corpus-{size}"
        done = corpus / ".complete-seed1"
        if not done.exists():
            shutil.rmtree(corpus, ignore_errors=True)
            synth.generate(size, corpus / "cables", 1, os.cpu_count() or 2)
            done.touch()
        # Edit a copy: other benchmarks read the shared corpus.
        content = work / "content"
        shutil.copytree(corpus / "cables", content / "cables")
    text = CONFIG.format(
        content=content,
        output=work / "site",
        cache=work / "cache",
        repo=REPO,
        search="true" if search else "false",
    )
    (work / "cablegen.toml").write_text(text, "utf-8")
    return work, content


class Events:
    """Reads the server's event stream on a thread; queues (arrival time, data)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.queue: queue.Queue[tuple[float, dict[str, object]]] = queue.Queue()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=STARTUP)
        conn.request("GET", "/__cablegen/events")
        stream = conn.getresponse()
        data = ""
        while True:
            line = stream.fp.readline()
            if not line:
                return
            text = line.decode().rstrip("\n")
            if text.startswith("data: "):
                data = text[6:]
            elif not text and data:
                self.queue.put((time.perf_counter(), json.loads(data)))
                data = ""

    def next(self, timeout: float) -> tuple[float, dict[str, object]]:
        return self.queue.get(timeout=timeout)


def connect_events(port: int, proc: subprocess.Popen[bytes]) -> Events:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"cablegen serve exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return Events(port)
        except OSError:
            time.sleep(0.05)
    raise SystemExit("cablegen serve did not listen in time")


def page_url(path: Path) -> str:
    from generator import urls
    from generator.commands.build import cable_from_source
    from generator.source.read import read_file

    cable = cable_from_source(read_file(path)).cable
    if cable is None:
        raise ValueError(f"{path} is not a cable")
    month = int(cable.created[5:7]) if cable.created else None
    return "/" + urls.cable(cable.id, cable.year, month)


def fetch(port: int, url: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", url)
    body = conn.getresponse().read()
    conn.close()
    return body


def edited(data: bytes, marker: str) -> bytes:
    """The cable with one sentence added in the middle of its body."""
    cut = data.find(b". ", len(data) // 2)
    cut = len(data) - 1 if cut < 0 else cut + 2
    return data[:cut] + f"Reload check {marker} added. ".encode() + data[cut:]


@dataclass(frozen=True)
class Change:
    """One edit to make: the file's new bytes, and bytes its page shows once it is live."""

    kind: str
    data: bytes
    expect: bytes


KINDS = ("body", "subject", "tags", "person", "ref")
"""The kinds of edit a run cycles through, each touching other pages of the site."""

SPARE_TAGS = ("KJUS", "PHUM", "SNAR", "MARR", "ECON", "PGOV", "PREL", "KDEM")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _line_end(data: bytes, start: int) -> int:
    end = data.find(b"\n", start)
    return len(data) if end < 0 else end


def _subject(data: bytes, n: int) -> Change | None:
    at = data.find(b"\nSUBJECT: ")
    if at < 0:
        return None
    end = _line_end(data, at + 1)
    word = f"QZX{n}SUBJECT"
    return Change("subject", data[:end] + f" {word}".encode() + data[end:], word.encode())


def _tags(data: bytes, n: int) -> Change | None:
    from generator import urls

    at = data.find(b"\nTAGS: ")
    if at < 0:
        return None
    end = _line_end(data, at + 1)
    line = data[at:end]
    spare = [t for t in SPARE_TAGS if t.encode() not in line]
    if not spare:
        return None
    code = spare[n % len(spare)]
    head = at + len(b"\nTAGS: ")
    added = f"[{code}](#) " if data[head : head + 1] == b"[" else f"{code} "
    if data[head : head + 2] == b"**":
        head += 2
    expect = urls.tag(code).encode()
    return Change("tags", data[:head] + added.encode() + data[head:], expect)


def _person(data: bytes, n: int) -> Change | None:
    # A made-up surname no cable has, in the shape the synthetic corpus names people.
    surname = "Qzx" + "".join(LETTERS[int(d)] for d in str(n)) + "ova"
    sentence = f"Marta {surname} said the talks would resume. "
    cut = data.find(b". ", len(data) // 2)
    if cut < 0:
        return None
    cut += 2
    return Change("person", data[:cut] + sentence.encode() + data[cut:], surname.encode())


def _ref(data: bytes, cited: tuple[str, str]) -> Change | None:
    if b"\nREF: " in data:
        return None
    at = data.find(b"\nSUBJECT: ")
    if at < 0:
        return None
    end = data.find(b"\n\n", at + 1)
    if end < 0:
        return None
    cid, url = cited
    added = f"\n\nREF: {cid}".encode()
    # The page links the cited cable by a relative path: its file name is what shows.
    return Change("ref", data[:end] + added + data[end:], url.rsplit("/", 1)[-1].encode())


def change(kind: str, data: bytes, n: int, cited: tuple[str, str]) -> Change | None:
    """Edit number `n` of `kind` on a cable's bytes; None when that cable cannot take it."""
    if kind == "body":
        # Lower case: a capitalised unknown word would be taken for someone's name.
        marker = f"qzx{n}reload"
        return Change("body", edited(data, marker), marker.encode())
    if kind == "subject":
        return _subject(data, n)
    if kind == "tags":
        return _tags(data, n)
    if kind == "person":
        return _person(data, n)
    return _ref(data, cited)


def pick_changes(
    cables: Path, count: int, kinds: tuple[str, ...]
) -> list[tuple[Path, str, Change]]:
    """`count` edits spread over the corpus, cycling through `kinds`, each with its page URL.

    A cable that cannot take the next kind (a REF edit wants one with no REF line)
    is passed over; each REF edit cites the cable looked at before it.
    """
    files = sorted(cables.glob("*.txt"))
    picked: list[tuple[Path, str, Change]] = []
    step = max(1, len(files) // (count * 3 + 1))
    previous: tuple[str, str] | None = None
    for path in files[step::step]:
        try:
            url = page_url(path)
        except ValueError:
            continue
        n = len(picked) + 1
        cited = previous
        previous = (path.stem, url)
        if cited is None:
            continue
        one = change(kinds[len(picked) % len(kinds)], path.read_bytes(), n, cited)
        if one is None:
            continue
        picked.append((path, url, one))
        if len(picked) == count:
            break
    return picked


def measure_edits(
    port: int,
    events: Events,
    targets: list[tuple[Path, str, Change]],
    browser: object | None,
    settle: bool = True,
    wait_search: bool = False,
) -> list[Edit]:
    """Make each edit in turn; every file is restored afterwards (one last rebuild)."""
    results = []
    originals: dict[Path, bytes] = {}
    try:
        for n, (path, url, one) in enumerate(targets, 1):
            originals.setdefault(path, path.read_bytes())
            took = measure_one(port, events, path, url, one, browser, settle, wait_search)
            results.append(took)
            print(f"  edit {n}: {took}", file=sys.stderr, flush=True)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return results


def measure_one(
    port: int,
    events: Events,
    path: Path,
    url: str,
    one: Change,
    browser: object | None,
    settle: bool = True,
    wait_search: bool = False,
) -> Edit:
    if one.expect.lower() in fetch(port, url).lower():
        raise SystemExit(f"{path.name}: its page already shows {one.expect!r} before the edit")
    page = None
    if browser is not None:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{port}{url}")
    while not events.queue.empty():
        events.queue.get_nowait()
    start = time.perf_counter()
    path.write_bytes(one.data)
    # The first good build whose page shows the edit: an earlier event can still be
    # in flight from a build that started before the write. Compared without case:
    # a subject may be shown recased.
    while True:
        arrived, data = events.next(REBUILD)
        if not data.get("ok"):
            continue
        body = fetch(port, url)
        fetched = time.perf_counter()
        if one.expect.lower() in body.lower():
            break
    took_browser = None
    if page is not None:
        page.wait_for_function(
            "t => document.body && document.body.innerHTML.toLowerCase().includes(t)",
            arg=one.expect.decode().lower(),
            timeout=REBUILD * 1000,
        )
        took_browser = time.perf_counter() - start
        page.close()
    summary = str(data.get("summary", ""))
    result = Edit(path.name, arrived - start, fetched - start, True, took_browser, summary)
    result.kind = one.kind
    if settle:
        result.done, result.search = settled(events, data, start, wait_search)
    return result


def settled(
    events: Events, page_event: dict[str, object], start: float, wait_search: bool
) -> tuple[float | None, float | None]:
    """Seconds until the build's closing event, and until its search index update."""
    build, searched = page_event.get("build"), int(str(page_event.get("search", 0)))
    done = search = None
    deadline = time.perf_counter() + (STARTUP if wait_search else REBUILD)
    while time.perf_counter() < deadline and (done is None or (wait_search and search is None)):
        try:
            arrived, data = events.next(max(0.1, deadline - time.perf_counter()))
        except queue.Empty:
            break
        if data.get("build") != build:
            continue
        if done is None and not str(data.get("summary", "")).startswith("pages updated"):
            done = arrived - start
        if int(str(data.get("search", 0))) > searched:
            search = arrived - start
    return done, search


def run_set(
    name: str,
    edits: int,
    search: bool,
    browser: object | None,
    rapid: bool,
    wait_search: bool,
    kinds: tuple[str, ...] = KINDS,
) -> Result:
    work, content = prepare(name, search)
    port = free_port()
    cmd = [sys.executable, "-m", "generator", "serve", "--config", str(work / "cablegen.toml")]
    cmd += ["--port", str(port), "--bind", "127.0.0.1"]
    log = (work / "serve.log").open("wb")
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=work, stdout=log, stderr=subprocess.STDOUT)
    try:
        events = connect_events(port, proc)
        arrived, first = events.next(STARTUP)
        files = len(list((content / "cables").glob("*.txt")))
        result = Result(name, files, arrived - started)
        targets = pick_changes(content / "cables", edits, kinds)
        result.edits = measure_edits(
            port, events, targets, browser, not rapid, search and wait_search
        )
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _ms(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values) * 1000:.0f} / {max(values) * 1000:.0f}"


def report(results: list[Result]) -> str:
    lines = [
        "set      files   first build   event ms (median/max)   page ms   browser ms   fresh"
        "   done ms   search s",
    ]
    for r in results:
        ev = [e.event for e in r.edits]
        pg = [e.page for e in r.edits]
        br = [e.browser for e in r.edits if e.browser is not None]
        fresh = sum(e.fresh for e in r.edits)
        done = [e.done for e in r.edits if e.done is not None]
        search = [e.search for e in r.edits if e.search is not None]
        found = f"{statistics.median(search):.1f}" if search else "-"
        lines.append(
            f"{r.name:<8} {r.files:>6} {r.first_build:>10.1f}s   {_ms(ev):>21}   "
            f"{_ms(pg):>9}   {_ms(br):>10}   {fresh}/{len(r.edits)}   {_ms(done):>7}   {found}"
        )
        if r.edits:
            lines.append(f"         last rebuild: {r.edits[-1].summary}")
    return "\n".join(lines)


def p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank: with 20 values, the 19th smallest."""
    ranked = sorted(values)
    return ranked[max(0, -(-95 * len(ranked) // 100) - 1)]


def _spread(values: list[float]) -> str:
    if not values:
        return "-"
    ms = [statistics.median(values), p95(values), max(values)]
    return " / ".join(f"{v * 1000:,.0f}" for v in ms)


def kind_report(results: list[Result]) -> str:
    """Per kind of edit and overall: event and page, median / p95 / max in ms."""
    lines = ["set      kind      edits   event ms (median/p95/max)   page ms (median/p95/max)"]
    for r in results:
        kinds = [k for k in KINDS if any(e.kind == k for e in r.edits)]
        for kind in [*kinds, "all"]:
            chosen = [e for e in r.edits if kind in ("all", e.kind)]
            ev, pg = [e.event for e in chosen], [e.page for e in chosen]
            lines.append(
                f"{r.name:<8} {kind:<8} {len(chosen):>6}   {_spread(ev):>26}   {_spread(pg):>24}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="dev,10000", help="dev and/or synthetic sizes")
    parser.add_argument("--edits", type=int, default=3, help="edits measured per set")
    parser.add_argument("--no-search", action="store_true", help="build without Pagefind")
    parser.add_argument("--browser", action="store_true", help="also time Chromium reloads")
    parser.add_argument("--rapid", action="store_true", help="do not wait between edits")
    parser.add_argument(
        "--kinds", default=",".join(KINDS), help=f"edit kinds to cycle through ({','.join(KINDS)})"
    )
    parser.add_argument(
        "--wait-search", action="store_true", help="wait for each edit's search index update"
    )
    args = parser.parse_args(argv)
    # A stopped benchmark must still restore the corpus files it edited (finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    results = []
    pw = browser = None
    if args.browser and CHROMIUM.exists():
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        flags += ["--disable-component-update", "--disable-sync", "--no-first-run"]
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=flags)
    try:
        for name in args.sets.split(","):
            one = run_set(
                name.strip(),
                args.edits,
                not args.no_search,
                browser,
                args.rapid,
                args.wait_search,
                tuple(k.strip() for k in args.kinds.split(",")),
            )
            results.append(one)
            print(report(results[-1:]), flush=True)
            print(kind_report(results[-1:]), flush=True)
    finally:
        if browser is not None:
            browser.close()  # type: ignore[attr-defined]
        if pw is not None:
            pw.stop()
    print()
    print(report(results))
    print(kind_report(results))
    OUT.mkdir(exist_ok=True)
    payload = [
        {
            "set": r.name,
            "files": r.files,
            "first_build_s": round(r.first_build, 3),
            "edits": [vars(e) for e in r.edits],
        }
        for r in results
    ]
    (OUT / "reload.json").write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
