"""Made-up cables in the release's shapes (a cables.csv row, a WikiLeaks page), for tests."""

from __future__ import annotations

HEADER = (
    "VZCZCXRO1234\nPP RUEHWEB\nDE RUEHTA #{serial}/01 3520519\nZNR UUUUU ZZH\n"
    "P 180519Z DEC 09\nFM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 7007"
)
BODY = (
    "{marking} ASTANA 00{serial} \n\nSIPDIS \n\nE.O. 12958: N/A \nTAGS: PGOV PREL KZ \n"
    'SUBJECT: KAZAKHSTAN: A "MADE-UP" CABLE NUMBER {serial} \n\n'
    "REF: ASTANA 2100 \n\n1. (U) Summary: {sentence} \n\nHOAGLAND"
)
PARTIAL = "This record is a partial extract of the original cable. The full text is not available."


def cable(
    serial: int, marking: str = "UNCLAS", sentence: str = "Nothing happened."
) -> tuple[str, str]:
    """(header, body) of a made-up Astana cable, as a text file would hold them."""
    body = BODY.format(serial=serial, marking=marking, sentence=sentence)
    return HEADER.format(serial=serial), body


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def row(
    seq: int,
    serial: int,
    *,
    classification: str = "UNCLASSIFIED",
    created: str = "12/18/2009 05:21",
    references: str = "",
    marking: str = "UNCLAS",
    sentence: str = "Nothing happened.",
    partial: bool = False,
) -> str:
    """One cables.csv row (with its newline) for made-up cable 09ASTANA<serial>."""
    header, body = cable(serial, marking, sentence)
    if partial:
        header, body = PARTIAL, body
    cols = [
        str(seq),
        created,
        f"09ASTANA{serial}",
        "Embassy Astana",
        classification,
        references,
        header,
        body,
    ]
    return ",".join(quoted(c) for c in cols) + "\n"


def page(serial: int, classification: str = "UNCLASSIFIED") -> str:
    """A WikiLeaks cable page for made-up cable 09ASTANA<serial>."""
    header, body = cable(serial)
    pre = [
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\n", "&#x000A;")
        for text in (header, body)
    ]
    pre[1] = (
        pre[1]
        .replace("1. (U)", "<a id='par1' href='#par1'>¶</a>1. (U)")
        .replace("PGOV", "<a href='/tag/PGOV_0.html'>PGOV</a>")
    )
    return (
        "<?xml version='1.0' encoding='utf-8' ?>\n<html><head><title>Cable Viewer</title></head>"
        "<body><div class='main'><table class='cable'>\n<tr><th>Reference ID</th><th>Created</th>"
        "<th>Released</th><th>Classification</th><th>Origin</th></tr>\n<tr>"
        f"<td>\n<a href='/cable/2009/12/09ASTANA{serial}.html'>09ASTANA{serial}</a>\n</td>"
        "<td><a href='/date/2009-12_0.html'>2009-12-18 05:21</a></td>"
        "<td><a href='/reldate/2010-12-01_0.html'>2010-12-01 12:00</a></td>"
        f"<td><a href='/classification/1_0.html' title='secret'>{classification}</a></td>"
        "<td><a href='/origin/1_0.html'>Embassy Astana</a></td></tr>\n</table>\n"
        f"<code><pre>{pre[0]}</pre></code>\n<code><pre>{pre[1]}</pre></code>\n"
        "</div></body></html>\n"
    )
