"""Write news dumps in the seeds' style, deterministically, for tests and benchmarks.

Every dump is a main story (one paragraph per line, photo credit lines between
paragraphs, quotes attributed with said/told/according to/was quoted as saying,
pronoun attributions, names with CJK aliases, sums of money in several currencies),
then 0-4 briefs glued on as single long lines cut mid-sentence (some with a kicker and
a dek running into the lede), then site furniture (a promo, related teasers ending in
``…``). All vocabulary is invented here; nothing is copied from real dumps.

A dump opens with a title line and a blank line (``--no-titles`` leaves it out, like the
seeds) so that many dumps can share one file and still be told apart.

    python benchmarks/generate.py --megabytes 100 --out benchmarks/out/dump_100mb.txt
    python benchmarks/generate.py --articles 100000 --per-file 5 --out benchmarks/out/library/

The same ``--seed`` always writes the same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path


def _words(text: str) -> list[str]:
    """A word list written as one string (shorter to read than a list literal)."""
    return text.split()


_FIRST = _words(
    "Ana Bram Cora Dario Elin Faris Greta Hugo Ines Jonas Kira "
    "Lukas Mira Nils Odile Pavel Rhea Soren Tala Viktor Wen Yara Zeno"
)
_SYLLABLES = _words("ka lo ven dar mi sor tel an bri gul ho mae rin tas ur vik zel por nim qua")
_ORG_HEADS = _words(
    "Norland Vantor Kestrel Altamira Brightwater Corvex Dunmore "
    "Halcyon Ostara Pellucid Rivenhall Solace Tamsin Umbra Westmark"
)
_ORG_KINDS = _words(
    "Semiconductor Telecom Shipping Robotics Energy Pharma "
    "Cables Motors Foods Software Logistics Optics"
)
_SUFFIXES = ["Co", "Inc", "Corp", "Ltd", "Oyj", "AB", "Pvt", "Group"]
_CJK = "華星海山川東西南北光明電子科技集團通訊金銀鐵道雲龍鳳林森"
_OUTLETS = ["the Harbour Gazette", "Meridian Wire", "the Evening Ledger", "Northfield Radio"]
_AGENCIES = ["Staff", "Meridian Wire", "Lumen Pictures", "Courtesy photo", "Agency pool"]
_CITIES = _words("Lisbon Tallinn Valletta Osaka Quito Perth Gdansk Tunis Bergen Cork Hanoi Lyon")
_ROLES = [
    "chief executive",
    "finance minister",
    "chief financial officer",
    "cabinet minister",
    "union leader",
    "regional governor",
    "founder",
]
_NOUNS = _words(
    "plant network licence contract factory port budget tariff "
    "pipeline satellite vaccine battery platform harvest reactor bridge"
)
_VERBS = _words("expand delay approve suspend relocate finance audit upgrade license restructure")
_ADJS = _words("regional national overseas advanced domestic strategic temporary joint")
_CURRENCIES = [("US$", "billion"), ("NT$", "million"), ("€", "million"), ("£", "billion")]
_KICKERS = ["TRADE TALKS", "Market Watch", "ENERGY DEAL", "Sales Record", "LABOUR", "Chip Supply"]
_PROMOS = [
    "Think you know your {topic} facts? Take our quiz!",
    "Want more {topic} news? Sign up for our newsletter!",
    "Missed the {topic} story? Listen to our podcast!",
]


class _Writer:
    """Sentences and paragraphs from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items: list[str] | str) -> str:
        return self.rng.choice(items)

    def surname(self) -> str:
        return "".join(self.pick(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()

    def cjk(self, n: int) -> str:
        return "".join(self.pick(_CJK) for _ in range(n))

    def money(self) -> str:
        symbol, unit = self.pick(_CURRENCIES)
        amount = f"{self.rng.randint(1, 999)}.{self.rng.randint(10, 99)}"
        if self.rng.random() < 0.3:
            usd = f"US${self.rng.randint(1, 90)}.{self.rng.randint(10, 99)}"
            return f"{symbol}{amount} {unit} ({usd} {unit})"
        return f"{symbol}{amount} {unit}"

    def clause(self) -> str:
        return (
            f"the {self.pick(_ADJS)} {self.pick(_NOUNS)} would {self.pick(_VERBS)} "
            f"the {self.pick(_NOUNS)} in {self.pick(_CITIES)}"
        )

    def quote_text(self) -> str:
        return f"We will {self.pick(_VERBS)} the {self.pick(_NOUNS)} because {self.clause()}"


def _story(w: _Writer, titled: bool) -> Iterator[str]:
    first, last = w.pick(_FIRST), w.surname()
    person = f"{first} {last}"
    org = f"{w.pick(_ORG_HEADS)} {w.pick(_ORG_KINDS)} {w.pick(_SUFFIXES)}"
    role = w.pick(_ROLES)
    outlet = w.pick(_OUTLETS)
    pronoun = w.pick(["he", "she"])
    if titled:
        yield f"{org.split()[0]} plans to {w.pick(_VERBS)} {w.pick(_NOUNS)} in {w.pick(_CITIES)}"
        yield ""
    lines = [
        f"{org} ({w.cjk(2)}) {role} {person} ({w.cjk(3)}) said on Monday that {w.clause()}, "
        f"a move worth {w.money()}.",
        f"The company has spent months weighing whether {w.clause()}, and {last} is expected "
        f"to brief investors on the plan within weeks",
        f"“{w.quote_text()},” {last} said. “{w.quote_text()}.”",
        f"{pronoun.capitalize()} added that {w.clause()}, a step analysts put at {w.money()}.",
        f"“{w.quote_text()},” {pronoun} said in an interview with {outlet}.",
        f"A {org.split()[0]} executive told {outlet} that the {w.pick(_NOUNS)} was “on track”.",
        f"According to {person}, {w.clause()} before the end of the year.",
        f"{last} was quoted by {outlet} as saying {w.clause()}.",
        f"Rivals including {w.pick(_ORG_HEADS)} {w.pick(_SUFFIXES)} said {w.clause()}.",
    ]
    for _ in range(w.rng.randint(2, 6)):
        lines.append(f"Officials said {w.clause()}, while {w.clause()}.")
    w.rng.shuffle(lines[3:])
    for n, line in enumerate(lines):
        yield line
        if n in (2, 6) and w.rng.random() < 0.7:
            yield f"Photo: {w.pick(_AGENCIES)}"


def _brief(w: _Writer) -> str:
    org = f"{w.pick(_ORG_HEADS)} {w.pick(_ORG_KINDS)} {w.pick(_SUFFIXES)}"
    lede = (
        f"{org} ({w.cjk(3)}) said it would {w.pick(_VERBS)} its {w.pick(_NOUNS)} after "
        f"{w.clause()}. The {w.pick(_NOUNS)} is worth {w.money()} and {w.clause()}, "
        f"according to {w.pick(_FIRST)} {w.surname()}, who said the {w.pick(_NOUNS)} "
        f"would {w.pick(_VERBS)} the"
    )
    if w.rng.random() < 0.5:
        dek = (
            f"The {w.pick(_NOUNS)} deal would {w.pick(_VERBS)} capacity to serve "
            f"{w.pick(_ADJS)} customers"
        )
        return f"{w.pick(_KICKERS)}: {dek} {lede}"
    return lede


def _furniture(w: _Writer) -> Iterator[str]:
    if w.rng.random() < 0.5:
        yield w.pick(_PROMOS).format(topic=w.pick(_NOUNS))
    for _ in range(w.rng.randint(0, 6)):
        place = f"{w.pick(_ADJS)} {w.pick(_NOUNS)} in {w.pick(_CITIES)}"
        yield f"Why the {place} could {w.pick(_VERBS)} the…"


def dumps(seed: int, titled: bool = True) -> Iterator[tuple[str, int]]:
    """Endless dumps: (text, number of articles in it)."""
    w = _Writer(seed)
    while True:
        lines = list(_story(w, titled))
        briefs = w.rng.randint(0, 4)
        lines.extend(_brief(w) for _ in range(briefs))
        lines.extend(_furniture(w))
        yield "\n".join(lines) + "\n", 1 + briefs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--articles", type=int, help="stop after this many articles (with briefs)")
    size.add_argument("--megabytes", type=float, help="stop after this many MB of text")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True, help="a file, or a directory (ends with /)")
    parser.add_argument("--per-file", type=int, default=0, help="dumps per file (directory out)")
    parser.add_argument("--no-titles", action="store_true", help="no title lines, as the seeds")
    args = parser.parse_args(argv)

    out = Path(args.out)
    to_dir = args.out.endswith("/") or out.is_dir() or args.per_file > 0
    per_file = args.per_file or 1
    limit_bytes = int(args.megabytes * 1_000_000) if args.megabytes else None
    articles = written = files = 0
    handle = None
    if to_dir:
        out.mkdir(parents=True, exist_ok=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = open(out, "w", encoding="utf-8")  # noqa: SIM115 - closed below
    try:
        for n, (text, count) in enumerate(dumps(args.seed, titled=not args.no_titles)):
            if to_dir:
                if n % per_file == 0:
                    if handle:
                        handle.close()
                    files += 1
                    name = out / f"dump_{files:06}.txt"
                    handle = open(name, "w", encoding="utf-8")  # noqa: SIM115
                elif handle:
                    handle.write("\n")
            elif n:
                handle.write("\n")
            handle.write(text)
            written += len(text.encode("utf-8"))
            articles += count
            if (args.articles and articles >= args.articles) or (
                limit_bytes and written >= limit_bytes
            ):
                break
    finally:
        if handle:
            handle.close()
    print(f"wrote {articles} articles, {written / 1e6:.1f} MB to {out}", file=sys.stderr)
    return 0


def benchmark_dump(megabytes: float, seed: int = 1, *, titles: bool = True) -> Path:
    """``benchmarks/out/dump_<N>mb_seed<S>.txt``, written the first time it is asked for
    (``..._untitled.txt`` without title lines: one long run the reader must split).

    The benchmarks share these files: the same bytes for the same size and seed.
    """
    suffix = "" if titles else "_untitled"
    name = f"dump_{megabytes:g}mb_seed{seed}{suffix}.txt"
    path = Path(__file__).resolve().parent / "out" / name
    if not path.exists():
        args = ["--megabytes", str(megabytes), "--seed", str(seed), "--out", str(path)]
        main(args if titles else [*args, "--no-titles"])
    return path


if __name__ == "__main__":
    raise SystemExit(main())
