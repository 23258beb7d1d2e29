"""Text made safe for HTML: markupsafe's escaping, as a plain str.

markupsafe.escape runs a C function over the text and then wraps the result in
Markup, whose Python-level constructor costs ten times the escaping itself; a
list page escapes some ten fields per row. The compiled theme fragments
(generator.render.compiled) and the paragraph text's decorations
(generator.site.cable_body) escape each field with `escaped` and wrap the
finished piece in Markup once: this is the one escaping path besides Jinja's own.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import escape


def _through_markup(value: str) -> str:
    return str(escape(value))


escaped: Callable[[str], str]
"""`str(markupsafe.escape(value))` for a str: & < > ' " as entities, the same bytes."""
try:
    # The C function markupsafe.escape itself calls (markupsafe 2.1 and 3.x).
    from markupsafe import _escape_inner as escaped
except ImportError:  # another markupsafe: the public function, a little slower
    escaped = _through_markup
