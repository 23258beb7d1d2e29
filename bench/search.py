"""Search benchmark: Pagefind index build time, peak memory and bytes per query.

    python -m bench.search --count 10000 --work bench/out/search-10k
    python -m bench.search --count 250000 --work bench/out/search-250k --corpus CONTENT

Steps: generate the synthetic corpus (bench.synth, unless --corpus names one),
build the site without search, then measure the index stage alone in a fresh
process (wall time and peak RSS summed over every process, the Pagefind
binaries included), again with a warm cache (every shard reused), then the
update of the index in place after one page of the newest shard changed
(index.update_index, as the preview server runs it) and after none, and finally
the bytes headless Chromium downloads for one typical query: the search page,
its scripts, every shard's entry and metadata, the index chunks for the words
and the fragments of the first page of results. Results go to WORK/search.json.
Run by hand; nothing here is asserted by the test suite.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import re
import sys
import threading
import time
from pathlib import Path
from typing import Any

from bench.measure import run


def corpus_from_site(site: Path) -> Any:
    """The linked metadata of a built site, read back from its cable records."""
    from generator import urls
    from generator.corpus.link import CableMeta, link

    metas = []
    for record in sorted(site.glob("cable/**/*.json")):
        d = json.loads(record.read_text("utf-8"))
        created = d.get("created")
        month = int(created[5:7]) if created else None
        metas.append(
            CableMeta(
                id=d["id"],
                created=created,
                year=d.get("year"),
                month=month,
                origin=d.get("origin") or "",
                classification=d.get("classification") or "",
                tags=tuple(d.get("tags") or ()),
                subject=d.get("subject") or "",
                references=(),
                people=(),
                signer=d.get("signer"),
                partial=bool(d.get("partial")),
                source_path="",
                digest="",
                path=urls.cable(d["id"], d.get("year"), month),
            )
        )
    return link(metas)


def clone_site(src: Path, dst: Path, times: int) -> int:
    """A larger site made of `times` copies of each cable page of `src`, under new IDs.

    Building the pipeline's own site at 250,000 cables takes longer than the
    index under study; copies give the index the page count and posting volume
    of the larger archive (with the vocabulary of the smaller one). Each copy
    gets its own ID, so Pagefind sees distinct pages. Returns the page count.
    """
    import re
    import shutil

    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src / "static", dst / "static")
    (dst / "search").mkdir(parents=True)
    shutil.copy2(src / "search" / "index.html", dst / "search" / "index.html")
    count, width = 0, len(str(times))
    for record in sorted(src.glob("cable/**/*.json")):
        d = json.loads(record.read_text("utf-8"))
        html = record.with_suffix(".html").read_text("utf-8")
        word = re.compile(rf"\b{re.escape(d['id'])}\b")
        for n in range(times):
            # Fixed-width suffixes cannot collide: equal lengths imply equal originals.
            new_id = d["id"] if n == 0 else f"{d['id']}{n:0{width}d}"
            rel = record.relative_to(src).with_name(f"{new_id}.json").as_posix()
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps({**d, "id": new_id}), "utf-8")
            target.with_suffix(".html").write_text(word.sub(new_id, html), "utf-8")
            count += 1
    return count


def index_only(site: Path, cache: Path, changed: list[str] | None) -> None:
    """The index stage alone, as the build runs it (called in a child process).

    With `changed` (possibly empty), update the index of the site in place as
    the preview server does after an edit (index.update_index), instead.
    """
    from generator.config import SiteConfig
    from generator.search import index

    corpus = corpus_from_site(site)
    config = SiteConfig(cache=cache, output=site)
    start = time.perf_counter()
    if changed is None:
        report = index.build_index(config, site, corpus)
    else:
        report = index.update_index(config, site, corpus, changed)
    print(
        json.dumps(
            {
                "call_seconds": round(time.perf_counter() - start, 2),
                "pages": report.pages,
                "shards": len(report.shards),
                "built": len(report.built),
                "reused": len(report.reused),
                "warnings": len(report.warnings),
            }
        )
    )


_EDIT = "<p>A sentence added by the update benchmark.</p>"


def edit_newest(site: Path, apply: bool = False) -> str:
    """The ID of the newest cable; `apply` adds (or takes back) a sentence on its page.

    The page is edited as a re-render would leave it, so update_index sees a
    changed page in the newest shard; a second run takes the sentence out again.
    """
    corpus = corpus_from_site(site)
    newest = corpus.cables[corpus.order[-1]]
    page = site / newest.path
    if apply:
        html = page.read_text("utf-8")
        end = html.index("</section>", html.index('class="cable-body"'))
        edited = html.replace(_EDIT, "") if _EDIT in html else html[:end] + _EDIT + html[end:]
        page.write_text(edited, "utf-8")
    return newest.id


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Meter:
    """Every response a page receives: when it ended (epoch ms), its kind, size and shard."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, str, int, str]] = []

    def on_finished(self, request: Any) -> None:
        try:
            body = request.response().body()
        except Exception:  # redirects and aborted requests have no body
            return
        t = request.timing
        end = t["startTime"] + max(t.get("responseEnd", 0), 0)
        m = re.search(r"/pagefind/([^/]+)/(?:index|filter|fragment)/", request.url)
        shard = m.group(1) if m and m.group(1) != "_shards" else ""
        self.seen.append((end, _kind(request.url), len(body), shard))

    def between(self, start: float, end: float) -> dict[str, Any]:
        """What ended from `start` (excluded) to `end` (included), epoch ms."""
        sizes: dict[str, int] = {}
        counts: dict[str, int] = {}
        shards = set()
        for at, kind, size, shard in self.seen:
            if start < at <= end:
                sizes[kind] = sizes.get(kind, 0) + size
                counts[kind] = counts.get(kind, 0) + 1
                if shard:
                    shards.add(shard)
        return {
            "bytes": sum(sizes.values()),
            "requests": sum(counts.values()),
            "by_kind": sizes,
            "requests_by_kind": counts,
            "shards_fetched_from": len(shards),
        }


def _kind(url: str) -> str:
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if "/pagefind/" not in url:
        return "page+scripts"
    if "/pagefind/_shards/" in url:
        return "shard directory"
    for k in ("fragment", "index", "filter"):
        if f"/{k}/" in url:
            return k
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "shard metadata"
    return "pagefind runtime"


# Marks the moment the first results are drawn (or the answer says there are none).
_FIRST = (
    "(() => { if (document.querySelectorAll('#results .result').length > 0"
    " || /No cable|missing|could not/.test(document.getElementById('search-status').textContent))"
    " { self.benchFirst = self.benchFirst || Date.now(); return true; } return false; })()"
)
# The old page (before the shard directory) has no completion mark: its first results are its last.
_DONE = "document.querySelector('.search-page').getAttribute('data-search') === 'done'"
_NOW = "Date.now()"


def _wait_query(page: Any, meter: _Meter, started: float) -> dict[str, Any]:
    """Wait for the first results, then for the whole answer; the figures of both.

    `started` is the page's clock (epoch ms) when the query was asked.
    """
    page.evaluate("self.benchFirst = 0")
    page.wait_for_function(_FIRST, polling="raf", timeout=300_000)
    first_at = page.evaluate("self.benchFirst")
    if page.evaluate("!!self.cablegenShards"):
        page.wait_for_function(_DONE, timeout=600_000)
    page.wait_for_load_state("networkidle")
    done_at = page.evaluate(_NOW)
    time.sleep(0.3)  # the last responses' events
    order = page.evaluate(_OPENED) if page.evaluate("!!self.cablegenView") else []
    return {
        "status": page.inner_text("#search-status"),
        "first_ms": round(first_at - started),
        "first": meter.between(started - 1, first_at),
        "complete_ms": round(done_at - started),
        "complete": meter.between(started - 1, done_at),
        "candidate_shards": len(order),
    }


_OPENED = "(() => { var v = self.cablegenView(); return v && v.order ? v.order : []; })()"


def query_bytes(
    site: Path, query: str, further: str = "sanctions", facet: str = "classification"
) -> dict[str, Any]:
    """What a cold browser downloads for one query (URL parameters after "?q="), then more.

    In one fresh browser context (empty cache) on loopback: the query up to its
    first results drawn and until it is complete; then `further`, typed into
    the same page; then one facet's counts opened (the filter panel first, on
    this narrow screen). Bytes are response bodies as received.
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    meter = _Meter()
    out: dict[str, Any] = {"query": query}
    server_url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.on("requestfinished", meter.on_finished)
            page.goto(server_url + "favicon.ico")  # a clock to read before the search page
            meter.seen.clear()
            started = page.evaluate(_NOW)
            page.goto(server_url + f"search/index.html?q={query}")
            out["cold"] = _wait_query(page, meter, started)
            page.fill("#q", further)
            started = page.evaluate(_NOW)
            page.press("#q", "Enter")
            page.wait_for_url(re.compile(r"[?&]q=" + re.escape(further)))
            out["further"] = {"query": further, **_wait_query(page, meter, started)}
            started = page.evaluate(_NOW)
            if page.locator("#facets").is_hidden():
                page.locator("#filters-toggle").click()
            opener = page.locator(f'[data-facet="{facet}"] .facet-open')
            if (
                opener.count() and opener.is_visible()
            ):  # the old page loads every facet with the panel
                opener.click()
            page.locator(f'[data-facet="{facet}"] input[type=checkbox]').first.wait_for(
                timeout=300_000
            )
            page.wait_for_load_state("networkidle")
            time.sleep(0.3)
            out["facet"] = {"facet": facet, **meter.between(started - 1, page.evaluate(_NOW))}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def _line(m: dict[str, Any]) -> str:
    return f"{m['bytes'] / 1024:.0f} KiB/{m['requests']} req/{m['shards_fetched_from']} shards"


def rare_word(site: Path) -> str:
    """The word of the body text held by the fewest shards (then the first in order).

    Read from the shard directory's pages (pagefind/_shards/fragment/), which
    hold each shard's distinct words. Synthetic cables spread every word of
    their vocabulary over every year, so at scale even this one is in
    several shards; the figures say how many.
    """
    import gzip

    held: dict[str, int] = {}
    for path in sorted((site / "pagefind" / "_shards" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        for word in set(data["content"].split()):
            if word.isalpha() and word.islower() and len(word) >= 5:
                held[word] = held.get(word, 0) + 1
    return min(held, key=lambda w: (held[w], w)) if held else "trajectory"


def run_queries(site: Path) -> list[dict[str, Any]]:
    """The four kinds of query of the bench table, each in a cold browser."""
    kinds = [
        ("rare word", rare_word(site)),
        ("common word", "election"),
        ("phrase", "%22prime+minister%22"),
        ("filtered", "election&classification=SECRET"),
    ]
    results = []
    for kind, q in kinds:
        # A facet the query does not already open by its filter.
        facet = "year" if "classification=" in q else "classification"
        r = {"kind": kind, **query_bytes(site, q, facet=facet)}
        results.append(r)
        c, f, x = r["cold"], r["further"], r["facet"]
        print(
            f"{kind} ({q}): first results {_line(c['first'])}, {c['first_ms']} ms;"
            f" complete {_line(c['complete'])}, {c['complete_ms']} ms,"
            f" {c['candidate_shards']} candidate shards; further query first"
            f" {_line(f['first'])}, {f['first_ms']} ms, complete {_line(f['complete'])};"
            f" facet {_line(x)}; {c['status']}",
            flush=True,
        )
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument(
        "--corpus", type=Path, help="an existing content folder with cables/ (skips generation)"
    )
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--times", type=int, default=1, help="index TIMES copies of every page (see clone_site)"
    )
    ap.add_argument(
        "--queries-only",
        type=Path,
        metavar="SITE",
        help="only measure the queries on SITE, a built site with its search index",
    )
    ap.add_argument("--index-only", nargs=2, metavar=("SITE", "CACHE"), help=argparse.SUPPRESS)
    ap.add_argument("--changed", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.index_only:
        index_only(Path(args.index_only[0]), Path(args.index_only[1]), args.changed)
        return
    if args.queries_only:
        found = run_queries(args.queries_only.resolve())
        args.work.mkdir(parents=True, exist_ok=True)
        (args.work / "queries.json").write_text(json.dumps(found, indent=1))
        return
    work: Path = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # --content takes the folder that holds cables/; bench.synth writes the cables flat.
    corpus = args.corpus.resolve() if args.corpus else work / "content"
    if not args.corpus and not (corpus / "cables").is_dir():
        gen = run(
            [
                sys.executable,
                "-m",
                "bench.synth",
                "--count",
                str(args.count),
                "--out",
                str(corpus / "cables"),
                "--seed",
                str(args.seed),
            ]
        )
        print(f"corpus: {gen.seconds:.0f}s", flush=True)
    site, cache = work / "site", work / "cache"
    results: dict[str, Any] = {"cables": args.count}
    if not (site / "search" / "index.html").is_file():
        built = run(
            [
                sys.executable,
                "-m",
                "generator",
                "build",
                "--content",
                str(corpus),
                "--output",
                str(site),
                "--no-search",
                "--quiet",
            ],
        )
        gib = built.peak_rss / 2**30
        print(f"site (no search): {built.seconds:.0f}s, peak {gib:.2f} GiB", flush=True)
        if built.returncode:
            sys.exit(built.output[-2000:])
        results["site_seconds"] = round(built.seconds, 1)
    if args.times > 1:
        site = work / f"site-x{args.times}"
        cache = work / f"cache-x{args.times}"
        done = site / ".cloned"
        if not done.is_file():
            done.parent.mkdir(parents=True, exist_ok=True)
            count = clone_site(work / "site", site, args.times)
            done.write_text(str(count))
        results["cables"] = int(done.read_text())
        results["cloned"] = args.times
        print(f"cloned: {results['cables']} pages", flush=True)
    steps: dict[str, list[str]] = {"cold": [], "warm": [], "update_one": [], "update_none": []}
    steps["update_one"] = ["--changed", edit_newest(site)]
    steps["update_none"] = ["--changed"]
    for label, extra in steps.items():
        if label == "cold":
            import shutil

            shutil.rmtree(cache, ignore_errors=True)
        if label == "update_one":
            edit_newest(site, apply=True)
        index_cmd = ["-m", "bench.search", "--work", str(work), "--index-only", str(site)]
        r = run([sys.executable, *index_cmd, str(cache), *extra])
        if r.returncode:
            sys.exit(r.output[-2000:])
        summary = json.loads(r.output.strip().splitlines()[-1])
        results[f"index_{label}"] = {
            "seconds": round(r.seconds, 1),
            "cpu_seconds": round(r.cpu, 1),
            "peak_gib": round(r.peak_rss / 2**30, 2),
            **summary,
        }
        print(
            f"index {label}: {r.seconds:.1f}s ({r.cpu:.1f} CPU-s),"
            f" peak {r.peak_rss / 2**30:.2f} GiB, {summary}",
            flush=True,
        )
    results["pagefind_bytes_on_disk"] = sum(
        f.stat().st_size for f in (site / "pagefind").rglob("*") if f.is_file()
    )
    results["queries"] = run_queries(site)
    (work / f"search-{results['cables']}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
