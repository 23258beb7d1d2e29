"""netlify.toml builds and publishes the site, and its headers fit what the pages load.

The seeds site is built for real; every script, stylesheet, image, font, worker
and fetch target its pages and scripts use is checked against the
Content-Security-Policy Netlify would send for that page, using Netlify's own
path rules (`*` matches anything, later rules override earlier ones).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROOT

NETLIFY = ROOT / "netlify.toml"
SITE_ORIGIN = "https://archive.example"
DATA_TYPES = {"application/ld+json", "application/json", "importmap-data", "text/plain"}


@pytest.fixture(scope="module")
def netlify() -> dict[str, Any]:
    return tomllib.loads(NETLIFY.read_text("utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator import config as config_mod
    from generator.build import build

    out = tmp_path_factory.mktemp("netlify") / "site"
    overrides = {"content": ROOT / "content", "output": out, "templates": ROOT / "templates"}
    build(config_mod.load(None, overrides={**overrides, "static": ROOT / "static"}, root=ROOT))
    return out


def headers_for(netlify: dict[str, Any], url_path: str) -> dict[str, str]:
    """The headers Netlify sends for a path: every matching rule, later ones winning."""
    result: dict[str, str] = {}
    for rule in netlify.get("headers", []):
        parts = re.split(r"(\*|:[A-Za-z_]+)", rule["for"])
        pattern = "".join(
            ".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts
        )
        if re.fullmatch(pattern, url_path):
            result.update({k.lower(): v for k, v in rule["values"].items()})
    return result


def parse_csp(value: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), words[1:])
    return policy


FALLBACK = {
    "script-src-elem": ["script-src-elem", "script-src", "default-src"],
    "style-src-elem": ["style-src-elem", "style-src", "default-src"],
    "img-src": ["img-src", "default-src"],
    "font-src": ["font-src", "default-src"],
    "connect-src": ["connect-src", "default-src"],
    "worker-src": ["worker-src", "child-src", "script-src", "default-src"],
}


def sources(policy: dict[str, list[str]], kind: str) -> list[str]:
    for name in FALLBACK[kind]:
        if name in policy:
            return policy[name]
    return ["*"]


def allows(policy: dict[str, list[str]], kind: str, url: str) -> bool:
    """Whether the policy lets a page at SITE_ORIGIN load `url` (absolute) as `kind`."""
    allowed = sources(policy, kind)
    parts = urlsplit(url)
    for source in allowed:
        if source == "'self'" and f"{parts.scheme}://{parts.netloc}" == SITE_ORIGIN:
            return True
        if source == "*" and parts.scheme in ("http", "https"):
            return True
        if source.endswith(":") and not source.startswith("'") and parts.scheme == source[:-1]:
            return True
        if "://" in source and url.startswith(source.rstrip("/")):
            return True
    return False


def allows_inline_script(policy: dict[str, list[str]], code: str) -> bool:
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    return f"'sha256-{digest}'" in sources(policy, "script-src-elem")


class Loads(HTMLParser):
    """Everything an HTML page asks the browser to load or run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._script: str | None = None
        self._style = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "style" in a:
            self.found.append(("inline-style-attr", a["style"]))
        if any(k.startswith("on") for k in a):
            self.found.append(("inline-handler", tag))
        if tag == "script":
            if a.get("src"):
                self.found.append(("script-src-elem", a["src"]))
            else:
                self._script, self._text = a.get("type", "").lower(), []
        elif tag == "style":
            self._style, self._text = True, []
        elif tag == "link" and "stylesheet" in a.get("rel", "").split():
            self.found.append(("style-src-elem", a.get("href", "")))
        elif tag == "link" and a.get("rel") in ("icon", "preload", "manifest"):
            self.found.append(("img-src" if a["rel"] == "icon" else "connect-src", a["href"]))
        elif tag in ("img", "source") and a.get("src"):
            self.found.append(("img-src", a["src"]))
        elif tag in ("iframe", "object", "embed", "frame"):
            self.found.append(("frame", tag))
        if a.get("href", "").lower().startswith("javascript:"):
            self.found.append(("inline-handler", a["href"]))

    def handle_data(self, data: str) -> None:
        if self._script is not None or self._style:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            kind = "data-script" if self._script in DATA_TYPES else "inline-script"
            self.found.append((kind, "".join(self._text)))
            self._script = None
        elif tag == "style" and self._style:
            self.found.append(("inline-style", "".join(self._text)))
            self._style = False


def page_url(site: Path, page: Path) -> str:
    return SITE_ORIGIN + "/" + page.relative_to(site).as_posix()


def test_build_command_and_publish_folder(netlify: dict[str, Any]) -> None:
    command = netlify["build"]["command"]
    assert "pip install ." in command
    assert command.rstrip().endswith("cablegen build --strict")
    assert netlify["build"]["publish"] == "site"


def test_the_build_cache_is_kept_between_deploys(netlify: dict[str, Any]) -> None:
    settings = tomllib.loads((ROOT / "cablegen.toml").read_text("utf-8"))
    (plugin,) = [p for p in netlify["plugins"] if p["package"] == "netlify-plugin-cache"]
    assert set(plugin["inputs"]["paths"]) == {settings["cache"], netlify["build"]["publish"]}
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    assert "netlify-plugin-cache" in package["devDependencies"], "Netlify installs it from here"


def test_python_version_satisfies_the_package(netlify: dict[str, Any]) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    least = re.search(r">=\s*(\d+)\.(\d+)", pyproject["project"]["requires-python"])
    assert least
    version = netlify["build"]["environment"]["PYTHON_VERSION"]
    major, minor = (int(x) for x in version.split(".")[:2])
    assert (major, minor) >= (int(least[1]), int(least[2]))


def test_security_headers_on_every_page(netlify: dict[str, Any], site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        headers = headers_for(netlify, "/" + page.relative_to(site).as_posix())
        assert headers.get("x-content-type-options") == "nosniff", page
        assert headers.get("referrer-policy"), page
        policy = parse_csp(headers.get("content-security-policy", ""))
        assert policy.get("frame-ancestors") == ["'none'"], page
        scripts = sources(policy, "script-src-elem")
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert "'immutable'" not in headers.get("cache-control", ""), page


def test_csp_lets_pagefind_run(netlify: dict[str, Any], site: Path) -> None:
    worker = sorted(site.glob("pagefind/**/pagefind-worker.js"))
    assert worker, "the seeds site has no Pagefind index"
    policy = parse_csp(headers_for(netlify, "/search/index.html")["content-security-policy"])
    assert "'wasm-unsafe-eval'" in policy["script-src"]
    for path in worker:
        url = SITE_ORIGIN + "/" + path.relative_to(site).as_posix()
        assert allows(policy, "worker-src", url)
        # The worker gets its own policy from its response: it must allow wasm too.
        own = parse_csp(headers_for(netlify, urlsplit(url).path)["content-security-policy"])
        assert "'wasm-unsafe-eval'" in own["script-src"]


def test_csp_allows_everything_the_pages_load(netlify: dict[str, Any], site: Path) -> None:
    problems: list[str] = []
    seen = 0
    for page in sorted(site.rglob("*.html")):
        rel = "/" + page.relative_to(site).as_posix()
        policy = parse_csp(headers_for(netlify, rel)["content-security-policy"])
        loads = Loads()
        loads.feed(page.read_text("utf-8"))
        for kind, value in loads.found:
            seen += 1
            if kind == "data-script":
                continue
            if kind == "inline-script":
                if not allows_inline_script(policy, value):
                    problems.append(f"{rel}: inline script not hashed in the CSP: {value[:60]!r}")
            elif kind in ("inline-style", "inline-style-attr", "inline-handler", "frame"):
                problems.append(f"{rel}: {kind} is blocked by the CSP: {value[:60]!r}")
            elif not allows(policy, kind, urljoin(page_url(site, page), value)):
                problems.append(f"{rel}: {kind} {value} is not allowed by the CSP")
    assert seen, "no page loads anything: the check would be empty"
    assert not problems, "\n".join(problems[:30])


URL_IN_CODE = re.compile(r"""(?:url\(\s*['"]?|['"`])((?:https?:)?//[^'"`)\s]+)""")


def test_csp_allows_what_scripts_and_styles_reach(netlify: dict[str, Any], site: Path) -> None:
    """Absolute URLs in shipped JS and CSS (fetch targets, fonts, images) must be allowed."""
    policy = parse_csp(headers_for(netlify, "/index.html")["content-security-policy"])
    problems = []
    files = [*site.glob("static/**/*.js"), *site.glob("static/**/*.css")]
    assert files
    for file in files:
        for match in URL_IN_CODE.finditer(file.read_text("utf-8", "replace")):
            url = urljoin(SITE_ORIGIN + "/", match[1])
            if "w3.org/" in url:  # XML namespace names, never fetched
                continue
            kinds = ("font-src", "img-src") if file.suffix == ".css" else ("connect-src",)
            if not any(allows(policy, k, url) for k in kinds):
                problems.append(f"{file.name}: {url} is not allowed by the CSP")
    assert not problems, "\n".join(problems)


def test_hashed_pagefind_files_are_immutable_and_entry_points_are_not(
    netlify: dict[str, Any], site: Path
) -> None:
    hashed = [
        p
        for p in site.glob("pagefind/**/*")
        if p.suffix in (".pf_fragment", ".pf_index", ".pf_filter", ".pf_meta")
    ]
    assert hashed
    for path in hashed:
        headers = headers_for(netlify, "/" + path.relative_to(site).as_posix())
        assert "immutable" in headers.get("cache-control", ""), path
        assert "max-age=31536000" in headers["cache-control"]
        assert headers.get("content-type") == "application/octet-stream"
    for name in ("pagefind.js", "pagefind-entry.json", "pagefind-worker.js"):
        for path in site.glob(f"pagefind/**/{name}"):
            headers = headers_for(netlify, "/" + path.relative_to(site).as_posix())
            assert "immutable" not in headers.get("cache-control", ""), path


def test_static_assets_are_cached_long(netlify: dict[str, Any], site: Path) -> None:
    assets = sorted((site / "static").rglob("*.*"))
    assert assets
    for path in assets:
        cache = headers_for(netlify, "/" + path.relative_to(site).as_posix())["cache-control"]
        age = int(re.search(r"max-age=(\d+)", cache)[1])  # type: ignore[index]
        assert age >= 86400 * 7, path


def test_missing_paths_get_the_404_page(netlify: dict[str, Any], site: Path) -> None:
    rules = [r for r in netlify.get("redirects", []) if r.get("status") == 404]
    assert rules and rules[-1]["from"] == "/*"
    target = PurePosixPath(rules[-1]["to"]).relative_to("/")
    assert (site / target).is_file()
    assert not rules[-1].get("force", False), "a forced 404 would hide every real page"
