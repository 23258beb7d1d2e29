"""How to cite a cable: a Chicago bibliography entry and a BibTeX record.

static/reading.js writes the same two forms for a whole reading list; keep the
shapes of both in step.
"""

from __future__ import annotations

import calendar

# TeX's special characters, escaped so a subject can never break the record.
_TEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def tex(text: str) -> str:
    """`text` with TeX's special characters escaped."""
    return text.translate(_TEX)


def _date_words(date: str) -> str:
    """ "2009-12-18" -> "December 18, 2009"; a year alone stays; "undated" -> "n.d."."""
    if len(date) == 10 and date[4] == "-":
        return f"{calendar.month_name[int(date[5:7])]} {int(date[8:10])}, {date[:4]}"
    return date if date[:4].isdigit() else "n.d."


def chicago(
    cable_id: str, subject: str, author: str, date: str, classification: str, url: str
) -> str:
    """The Chicago bibliography entry of a cable; `date` "YYYY-MM-DD", a year, or "undated"."""
    title = f" “{subject}.”" if subject else ""
    return f"{author}.{title} Cable {cable_id}, {_date_words(date)}. {classification}. {url}."


def bibtex(
    cable_id: str, subject: str, author: str, date: str, classification: str, url: str
) -> str:
    """The BibTeX @misc record of a cable, keyed by its ID."""
    fields = [
        ("author", f"{{{tex(author)}}}"),
        ("title", f"{{{tex(subject or cable_id)}}}"),
        ("howpublished", f"Diplomatic cable {tex(cable_id)}, {tex(classification)}"),
    ]
    if date[:4].isdigit():
        fields.append(("year", date[:4]))
    if len(date) >= 7 and date[4] == "-":
        fields.append(("month", calendar.month_abbr[int(date[5:7])].lower()))
    # URL fields are read verbatim: only a brace could end the field early.
    fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@misc{{{cable_id},\n{body}}}"
