"""Deterministic synthetic cables for benchmarks, shaped like the real archive.

    python -m bench.synth --count 50000 --out bench/corpus-50k --seed 1

Output depends only on (--seed, --count), never on --jobs: the same arguments give
byte-identical files. Files are written flat as OUT/<ID>.txt.

The shape follows the archive as scraped (the seeds and the published dev cables),
so timings compare with figures measured on other synthetic corpora of that shape:

- size: body length log-normal around 5.5 KB (sigma 0.45), ~3% long cables of
  25-45 KB; with the header, ~8 KB per file on average;
- origins: ~120 posts from the package's station list, STATE by far the largest,
  a few busy embassies, a long tail; years 1985-2010, dense from 2006;
- classification: 40% UNCLAS (some FOUO), 42% CONFIDENTIAL, 18% SECRET;
- TAGS: 70% written as `[PGOV](#)` links, 30% as `**PGOV PREL**`; Zipf-weighted
  subject codes plus the post's country code and sometimes an organisation;
- REF lines on 70% of cables, in the forms "ASTANA 2100", "08 ASTANA 2100" and
  "08ASTANA2100"; most point at earlier cables of the corpus, some at STATE
  cables outside it; lettered lists either on one line or one per paragraph;
- 20% carry XXXXXXXXXXXX redactions; 12% are "partial extract" stubs without
  the routing header; paragraph marks "1.", "\u00b61." and the "11." corruption;
  page-break lines cut long bodies into sections.

Standard library only, so it runs before the package is installed.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import math
import multiprocessing
import os
import random
import sys
import time
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


DATA = Path(__file__).resolve().parent.parent / "generator" / "data"
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
MONTH_NAMES = _words(
    "January February March April May June July August September October November December"
)
CUM_DAYS = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
YEARS = list(range(1985, 2011))
# Cables are rare before 2000 and dense 2006-2010, as in the release.
YEAR_WEIGHTS = [
    0.2 if y < 1995 else 0.5 if y < 2000 else 2 if y < 2004 else 6 if y < 2006 else 16
    for y in YEARS
]
BUSY = {"STATE": 60, "BAGHDAD": 25, "TOKYO": 18, "ANKARA": 14, "HONGKONG": 13, "BEIJING": 12}
CLASSES = [
    (0.35, "UNCLAS", ("U", "SBU", "SBU", "SBU")),
    (0.40, "UNCLAS//FOR OFFICIAL USE ONLY", ("U", "SBU")),
    (0.82, "C O N F I D E N T I A L", ("C", "C", "C", "U", "SBU")),
    (0.95, "S E C R E T", ("S", "S", "C", "U", "S//NF")),
    (1.01, "SECRET//NOFORN", ("S//NF", "S", "C")),
]
WORDS = _words(
    "government minister ministry parliament opposition election reform law court official "
    "officials embassy ambassador delegation meeting talks agreement treaty security military "
    "forces police border trade investment energy oil gas pipeline budget bank economy growth "
    "inflation exports imports sanctions aid assistance program project council commission "
    "committee party leader president prime campaign vote voters media press journalists "
    "activists rights freedom religious regional local national federal provincial bilateral "
    "strategic political economic support concern pressure decision proposal plan initiative "
    "dialogue cooperation visit summit conference statement report investigation trial "
    "verdict detention release protest demonstration corruption transparency contract company "
    "companies said noted stressed argued warned told explained confirmed denied insisted "
    "expects would could should might will has have had was were is are been being the the "
    "the the of of of to to and and in in on for with that this by from as at its their his "
    "her new next last senior former current key major recent"
)
HEADINGS = ("COMMENT", "BACKGROUND", "MIXED RECORD", "NEXT STEPS", "OUTLOOK", "ECONOMIC TIES")
OFFICES = _words(
    "SCA/CEN EUR/ACE EUR/RPM EUR/RUS EAP/CM NEA/I NEA/ARP WHA/AND AF/E DRL INR ISN EEB S/P"
)
ORGS = _words("OSCE UNSC NATO EUN IAEA UNGA UNHRC WTO IMF IBRD OPEC ASEAN AU OAS APEC")
SYLLABLES = _words("ka ba sa ta na ma ra la za da ga ya ko bo to no mo ro al el ar an ab ul ak ish")
ENDINGS = _words(
    "ov ova ev eva in ina enko uk ski dze shvili yan bek bayev ullah zadeh ani ez ic oglu"
)
FIRST = _words(
    "Robert John Michael David James Mary Susan Karen Elena Anna Asylbek Yevgeny Tamara Iva "
    "Ramazan Igor Kairat Serik Ahmed Ali Hassan Omar Khalid Jalal Tariq Hamid Asif Rahul Wen "
    "Taro Lee Kim Recep Hugo Luis Carlos Jose Evo Maria Angela Gordon Jan Viktor Yulia Boris"
)


def stations() -> list[tuple[str, str, str, int]]:
    """(name, routing indicator, country, weight) of the posts cables come from."""
    rows = list(csv.DictReader((DATA / "stations.csv").open(encoding="utf-8")))
    rng = random.Random(5)
    out = []
    for row in rows:
        if not row["routing_indicator"] or row["kind"] not in ("embassy", "mission", "department"):
            continue
        if row["kind"] == "department" and row["name"] != "STATE":
            continue
        out.append(
            (row["name"], row["routing_indicator"], row["country"], BUSY.get(row["name"], 0))
        )
    rng.shuffle(out)
    out = sorted(out[:119], key=lambda s: s[0])
    return [(n, ri, c, w or rng.choice((2, 3, 3, 4, 4, 5, 6, 8))) for n, ri, c, w in out]


def subject_tags() -> list[str]:
    rows = csv.DictReader((DATA / "tags.csv").open(encoding="utf-8"))
    return [r["code"] for r in rows if r["kind"] == "subject"]


def zipf(n: int, s: float) -> list[float]:
    return list(itertools.accumulate(1.0 / (i + 1) ** s for i in range(n)))


def pick(rng: random.Random, items: list, cum: list[float]):  # type: ignore[type-arg]
    return items[bisect.bisect(cum, rng.random() * cum[-1])]


def plan(count: int, seed: int, posts: list) -> list[tuple[int, int, int, int, int, int]]:  # type: ignore[type-arg]
    """(year, day of year, hour, minute, post index, document number), in time order."""
    rng = random.Random(seed * 7001 + 11)
    ycum = list(itertools.accumulate(YEAR_WEIGHTS))
    pcum = list(itertools.accumulate(p[3] for p in posts))
    raw = sorted(
        (
            pick(rng, YEARS, ycum),
            rng.randint(0, 364),
            rng.randint(0, 23),
            rng.randint(0, 59),
            bisect.bisect(pcum, rng.random() * pcum[-1]),
        )
        for _ in range(count)
    )
    groups: dict[tuple[int, int], list[int]] = {}
    for i, m in enumerate(raw):
        groups.setdefault((m[0], m[4]), []).append(i)
    nums = [0] * count
    for (_, post), members in sorted(groups.items()):
        volume = max(
            190000 if posts[post][0] == "STATE" else rng.randint(800, 4500), 2 * len(members)
        )
        for i, n in zip(members, sorted(rng.sample(range(1, volume), len(members))), strict=True):
            nums[i] = n
    return [(*m, nums[i]) for i, m in enumerate(raw)]


class Writer:
    """Writes cable i of the planned corpus; every choice comes from a per-cable RNG."""

    def __init__(self, seed: int, count: int) -> None:
        self.seed = seed
        self.posts = stations()
        self.metas = plan(count, seed, self.posts)
        self.ids = [f"{y % 100:02d}{self.posts[p][0]}{n}" for y, _, _, _, p, n in self.metas]
        rng = random.Random(seed * 31 + 7)
        self.tags = subject_tags()
        self.tag_cum = zipf(len(self.tags), 1.1)
        surnames = sorted(
            {
                (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).capitalize()
                for _ in range(9000)
            }
        )
        self.people = [(rng.choice(FIRST), rng.choice(surnames)) for _ in range(20000)]
        self.people_cum = zipf(600, 1.0)
        self.vocab = WORDS + [s.lower() for s in surnames[:3000]]
        self.word_cum = zipf(len(self.vocab), 0.9)
        self.sentences = [self._sentence(rng) for _ in range(30000)]

    def _person(self, rng: random.Random, base: int) -> tuple[str, str]:
        # Each post has its own slice of the people, so names recur per country.
        k = bisect.bisect(self.people_cum, rng.random() * self.people_cum[-1])
        return self.people[(base + k) % len(self.people)]

    def _sentence(self, rng: random.Random) -> str:
        words = [pick(rng, self.vocab, self.word_cum) for _ in range(rng.randint(8, 26))]
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def cable(self, i: int) -> tuple[str, str]:
        rng = random.Random(self.seed * 1000003 + i)
        y, doy, hh, mm, post, num = self.metas[i]
        name, ri, country, _ = self.posts[post]
        cid = self.ids[i]
        mon = bisect.bisect(CUM_DAYS, doy) - 1
        dom = doy - CUM_DAYS[mon] + 1
        cr = rng.random()
        cls, marks = next((c, m) for limit, c, m in CLASSES if cr < limit)
        classified = not cls.startswith("UNCLAS")
        base = (post * 97) % len(self.people)
        cast = [self._person(rng, base) for _ in range(rng.randint(3, 7))]
        partial = rng.random() < 0.12
        trail = "  " if rng.random() < 0.15 else ""
        body, nparts = self._body(rng, name, num, cast, marks, partial)
        out = ["\n\n"]
        w = out.append
        if partial:
            w(
                "This record is a partial extract of the original cable. "
                "The full text of the original cable is not available.\n\n"
            )
        else:
            self._routing(rng, w, name, ri, num, y, mon, dom, doy, hh, mm, classified, trail)
        section = f"SECTION 01 OF {nparts:02d} " if nparts > 1 and not partial else ""
        w(f"{cls} {section}{name} {num:06d}\n\n")
        if cls == "UNCLAS":
            w("SENSITIVE\n")
        if cls.startswith("SECRET") or rng.random() < 0.1:
            w("NOFORN\n")
        w("SIPDIS\n\n")
        if rng.random() < 0.7:
            w(f"STATE FOR {', '.join(rng.sample(OFFICES, rng.randint(1, 5)))}\n\n")
        eo = "12356" if y < 1995 else "13526" if y >= 2010 else "12958"
        w(
            f"E.O. {eo}: DECL: {mon + 1:02d}/{dom:02d}/{y + 10}\n\n"
            if classified
            else f"E.O. {eo}: N/A\n\n"
        )
        self._tags(rng, w, country, trail)
        subject = f"SUBJECT: {country.upper()}: " + " ".join(
            w_.upper() for w_ in rng.choice(self.sentences).split()[:12]
        )
        w(self._wrap(subject.rstrip("."), trail) + "\n\n")
        self._refs(rng, w, i)
        if classified:
            first, last = rng.choice(cast)
            w(f"Classified By: Ambassador {first} {last}, reasons 1.4 (b) and (d).\n\n")
        w(body)
        w("\n\n" + rng.choice(surnames_upper(cast)))
        if rng.random() < 0.1:
            w("\n\nNNNN")
        return cid, "".join(out)

    def _routing(self, rng, w, name, ri, num, y, mon, dom, doy, hh, mm, classified, trail) -> None:  # type: ignore[no-untyped-def]
        prec = rng.choice(["PP", "PP", "PP", "RR", "OO"])
        w(f"VZCZCXRO{rng.randint(0, 9999):04d}\n{prec} {rng.choice(self.posts)[1]}\n")
        w(f"DE {ri} #{num % 10000:04d}/01 {doy + 1:03d}{hh:02d}{mm:02d}{trail}\n")
        w("ZNY CCCCC ZZH\n" if classified else "ZNR UUUUU ZZH\n")
        w(f"{prec[0]} {dom:02d}{hh:02d}{mm:02d}Z {MONTHS[mon]} {y % 100:02d}{trail}\n")
        if name == "STATE":
            w("FM SECSTATE WASHDC\nTO ")
            targets = rng.sample(self.posts, rng.randint(1, 6))
            w(
                "\n".join(
                    f"{t[1]}/AMEMBASSY {t[0]} PRIORITY {rng.randint(1, 9999):04d}" for t in targets
                )
            )
            w("\n")
        else:
            w(f"FM AMEMBASSY {name}\n")
            w(f"TO RUEHC/SECSTATE WASHDC PRIORITY {rng.randint(1, 9999):04d}\n")
        infos = rng.sample(self.posts, rng.randint(2, 16))
        w(
            "INFO "
            + "\n".join(f"{p[1]}/AMEMBASSY {p[0]} {rng.randint(1, 3000)}{trail}" for p in infos)
        )
        w("\n\n")

    def _tags(self, rng, w, country, trail) -> None:  # type: ignore[no-untyped-def]
        tags = list(
            dict.fromkeys(pick(rng, self.tags, self.tag_cum) for _ in range(rng.randint(2, 7)))
        )
        if rng.random() < 0.25:
            tags.append(rng.choice(ORGS))
        tags.append(country[:2].upper())
        tags = list(dict.fromkeys(tags))
        if rng.random() < 0.7:
            w("TAGS: " + " ".join(f"[{t}](#)" for t in tags) + trail + "\n\n")
        else:
            w("TAGS: **" + " ".join(tags) + "**\n\n")

    def _refs(self, rng, w, i) -> None:  # type: ignore[no-untyped-def]
        refs = []
        for _ in range(rng.choice([0, 0, 0, 1, 1, 1, 2, 2, 3, 4])):
            if rng.random() < 0.15 or i == 0:
                refs.append(f"STATE {rng.randint(1000, 199999)}")
                continue
            j = rng.randrange(max(0, i - 800), i) if rng.random() < 0.85 else rng.randrange(i)
            y, _, _, _, post, num = self.metas[j]
            form = rng.random()
            pname = self.posts[post][0]
            refs.append(
                f"{pname} {num}"
                if form < 0.5
                else f"{y % 100:02d} {pname} {num}"
                if form < 0.8
                else self.ids[j]
            )
        if not refs:
            return
        if len(refs) == 1:
            w(f"REF: {refs[0]}\n\n")
        elif rng.random() < 0.5:
            w("REF: " + " ".join(f"{chr(65 + k)}. {r}" for k, r in enumerate(refs)) + "\n\n")
        else:
            w(f"REF: A. {refs[0]}\n\n")
            for k, r in enumerate(refs[1:], 1):
                w(f"\u00b6{chr(65 + k)}. {chr(65 + k)}. {r}\n\n")

    def _body(self, rng, name, num, cast, marks, partial) -> tuple[str, int]:  # type: ignore[no-untyped-def]
        target = int(rng.lognormvariate(math.log(5500), 0.45))
        if rng.random() < 0.03:
            target = rng.randint(25000, 45000)
        target = max(1500, min(target, 60000))
        style = rng.choice(["%d. (%s) ", "\u00b6%d. (%s) ", "1%d. (%s) "])
        redact = rng.random() < 0.2
        paras: list[str] = []
        size = 0
        while size < target:
            n = len(paras) + 1
            sents = rng.choices(self.sentences, k=rng.randint(3, 11))
            first, last = rng.choice(cast)
            sents.insert(
                rng.randrange(len(sents)),
                f"{first} {last} said the {rng.choice(WORDS)} would {rng.choice(WORDS)}.",
            )
            if redact and rng.random() < 0.3:
                sents.insert(
                    0, f"XXXXXXXXXXXX told us that the {rng.choice(WORDS)} {rng.choice(WORDS)}."
                )
            text = " ".join(sents)
            if n == 2:
                text = f"SUMMARY: {text} END SUMMARY."
            if rng.random() < 0.15:
                text += "\n\n" + "\n\n".join(
                    "-- " + s[:-1] + ";" for s in rng.choices(self.sentences, k=3)
                )
            mark = (style if n < 10 or style[0] != "1" else "\u00b6%d. (%s) ") % (
                n,
                rng.choice(marks),
            )
            if n > 2 and rng.random() < 0.18:
                mark = rng.choice(HEADINGS) + "\n\n" + mark
            paras.append(mark + text)
            size += len(paras[-1]) + 2
        body = "\n\n".join(paras)
        nparts = max(1, (size + 4499) // 4500)
        if nparts == 1 or partial:
            return body, nparts
        pieces, pos = [], 0
        suffix = ".2" if rng.random() < 0.6 else ""
        for part in range(2, nparts + 1):
            cut = body.find(". ", part * len(body) // nparts - len(body) // (2 * nparts))
            if cut <= pos:
                continue
            pieces.append(body[pos : cut + 1])
            pieces.append(f"\n\n{name} {num:08d} {part:03d}{suffix} OF {nparts:03d}\n\n")
            pos = cut + 2
        pieces.append(body[pos:])
        return "".join(pieces), nparts

    @staticmethod
    def _wrap(text: str, trail: str) -> str:
        lines = []
        while len(text) > 70 and text.rfind(" ", 0, 70) > 0:
            cut = text.rfind(" ", 0, 70)
            lines.append(text[:cut])
            text = text[cut + 1 :]
        return (trail + "\n").join([*lines, text])


def surnames_upper(cast: list[tuple[str, str]]) -> list[str]:
    return [last.upper() for _, last in cast]


_WRITER: Writer | None = None


def _start(seed: int, count: int) -> None:
    global _WRITER
    _WRITER = Writer(seed, count)


def _write_range(job: tuple[int, int, str]) -> tuple[int, int]:
    lo, hi, out = job
    assert _WRITER is not None
    total = 0
    for i in range(lo, hi):
        cid, text = _WRITER.cable(i)
        data = text.encode("utf-8")
        Path(out, cid + ".txt").write_bytes(data)
        total += len(data)
    return hi - lo, total


def generate(count: int, out: Path, seed: int = 1, jobs: int = 2) -> tuple[int, int]:
    """Write `count` cables into `out`; returns (cables, bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    chunks = [(lo, min(lo + 500, count), str(out)) for lo in range(0, count, 500)]
    if jobs <= 1:
        _start(seed, count)
        results = list(map(_write_range, chunks))
    else:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs, initializer=_start, initargs=(seed, count)) as pool:
            results = pool.map(_write_range, chunks)
    return sum(r[0] for r in results), sum(r[1] for r in results)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    n, size = generate(args.count, args.out, args.seed, args.jobs)
    dt = time.perf_counter() - t0
    print(f"wrote {n} cables, {size / 1e6:.1f} MB, in {dt:.1f}s to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
