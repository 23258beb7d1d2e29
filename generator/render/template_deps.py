"""Which template files each page template is made of, and a digest of each set.

A page key holds the digest of its own template and of every template that one
extends, includes or imports, or whose fragment it draws through a filter
(templates/fragments/NAME.html for `|NAME`): editing person.html then redraws person pages
only, while editing base.html, which every page extends, redraws them all.
A template whose references cannot be known (a name computed at render time,
or a file that does not parse) counts as made of every template: the build
then redraws every page, and a syntax error surfaces where it always did.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import jinja2
import jinja2.meta

from generator import theme
from generator.render import fragments

_FRAGMENTS = frozenset(map(fragments.template, fragments.CONTEXTS))


def sources(folder: Path) -> dict[str, bytes]:
    """Template name -> its bytes, for `digests`: the site's `folder` over the theme's."""
    return {name: path.read_bytes() for name, path in theme.files(folder, "templates").items()}


def _references(env: jinja2.Environment, source: bytes) -> set[str] | None:
    """Templates `source` names, or None when they cannot all be known."""
    try:
        tree = env.parse(source.decode("utf-8"))
    except (jinja2.TemplateSyntaxError, UnicodeDecodeError):
        return None
    found = set(jinja2.meta.find_referenced_templates(tree))
    if None in found:
        return None
    # A fragment is drawn by the filter of its name, which no include names.
    drawn = {fragments.template(f.name) for f in tree.find_all(jinja2.nodes.Filter)}
    return {name for name in found if name is not None} | (drawn & _FRAGMENTS)


def digests(sources: dict[str, bytes]) -> dict[str, str]:
    """Template name -> digest of the bytes of every template it is made of."""
    # A preview server opens a cache per build: parsing every template again
    # cost a third of a second of each save's update.
    return dict(_digests(tuple(sources.items())))


@lru_cache(maxsize=8)
def _digests(items: tuple[tuple[str, bytes], ...]) -> tuple[tuple[str, str], ...]:
    sources = dict(items)
    env = jinja2.Environment(autoescape=True)
    direct = {name: _references(env, data) for name, data in sources.items()}
    everything = hashlib.sha256()
    for name, data in sources.items():
        everything.update(f"{name}\0{len(data)}\0".encode() + data)
    out: dict[str, str] = {}
    for name in sources:
        closure, todo, unknown = {name}, [name], False
        while todo and not unknown:
            refs = direct.get(todo.pop())
            if refs is None:
                unknown = True
                break
            for ref in refs - closure:
                closure.add(ref)
                todo.append(ref)
        if unknown:
            out[name] = everything.hexdigest()
            continue
        h = hashlib.sha256()
        for part in sorted(closure):
            data = sources.get(part, b"\0missing")
            h.update(f"{part}\0{len(data)}\0".encode() + data)
        out[name] = h.hexdigest()
    return tuple(out.items())
