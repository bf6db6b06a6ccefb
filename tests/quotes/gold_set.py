"""The labelled quote set: loading it and scoring a quote finder on it.

Three parts, each a list of documents with gold quotes (offsets into the document's
decoded text, speaker, kind):

- ``gold/written/*.txt`` with ``gold/written.json``: articles written for this project to
  exercise each rule; the gold names each quote by its exact text (found in order).
- ``gold/seeds.json``: the two seed dumps in ``../shared/seeds`` (offsets only).
- ``gold/wikinews.json`` (the rules were developed against these) and
  ``gold/wikinews_heldout.json`` (labelled afterwards and scored before any rule was
  changed for them; docs/quotes.md gives those first-sight figures): Wikinews articles
  from ``../shared/corpora/wikinews_2019.csv``, found by URL; the document is
  ``title + "\\n\\n" + text`` cleaned as ingest cleans a file. Only URLs, offsets,
  speaker names and kinds are stored, never the articles' text; a digest of the rebuilt
  document guards against the corpus changing under the offsets.

The gold was labelled by reading each article (see docs/quotes.md for the guidelines),
not by running the extractor.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quote_scoring import GoldQuote, Scores, naive_quotes, score_document

from tui.extract.pipeline import parse_document
from tui.extract.quotes import CONFIDENCE_THRESHOLD
from tui.ingest.decode import clean_text
from tui.ingest.dump import read_dump
from tui.ingest.files import load_document
from tui.model import Quote, QuoteKind, Span

GOLD = Path(__file__).resolve().parent / "gold"


@dataclass(frozen=True)
class Labelled:
    name: str
    text: str
    gold: tuple[GoldQuote, ...]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _gold(entry: dict) -> GoldQuote:
    return GoldQuote(
        Span(entry["start"], entry["end"]),
        entry["speaker"],
        entry["kind"],
        tuple(entry.get("speaker_alternates", ())),
    )


def written() -> list[Labelled]:
    labels = json.loads((GOLD / "written.json").read_text(encoding="utf-8"))
    docs = []
    for name, quotes in labels.items():
        text = load_document(str(GOLD / "written" / name)).text
        gold, pos = [], 0
        for quote, speaker, kind, *alternates in quotes:
            start = text.index(quote, pos)
            pos = start + len(quote)
            gold.append(GoldQuote(Span(start, pos), speaker, kind, tuple(*alternates)))
        docs.append(Labelled(name, text, tuple(gold)))
    return docs


def seeds(shared: Path) -> list[Labelled]:
    docs = []
    for entry in json.loads((GOLD / "seeds.json").read_text(encoding="utf-8")):
        text = load_document(str(shared / "seeds" / entry["file"])).text
        assert _digest(text) == entry["sha256"], f"seed {entry['file']} changed"
        docs.append(Labelled(entry["file"], text, tuple(_gold(q) for q in entry["quotes"])))
    return docs


def wikinews(shared: Path, labels: str = "wikinews.json") -> list[Labelled]:
    path = shared / "corpora" / "wikinews_2019.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = {row["url"]: row for row in csv.DictReader(f)}
    docs = []
    for entry in json.loads((GOLD / labels).read_text(encoding="utf-8")):
        row = rows[entry["url"]]
        text = clean_text(f"{row['title']}\n\n{row['text']}")
        assert _digest(text) == entry["sha256"], f"wikinews {entry['url']} changed"
        name = "wikinews:" + entry["url"].rsplit("/", 1)[-1][:40]
        docs.append(Labelled(name, text, tuple(_gold(q) for q in entry["quotes"])))
    return docs


def parts(shared: Path | None) -> dict[str, list[Labelled]]:
    """The labelled set by part, in report order (``shared`` None: written only)."""
    found = {}
    if shared is not None:
        found["seeds"] = seeds(shared)
        found["wikinews"] = wikinews(shared)
        found["wikinews held out"] = wikinews(shared, "wikinews_heldout.json")
    found["written"] = written()
    return found


def everything(shared: Path | None) -> list[Labelled]:
    return [doc for docs in parts(shared).values() for doc in docs]


def article_count(docs: Sequence[Labelled]) -> int:
    return sum(len(read_dump(d.text, d.name)) for d in docs)


def extracted(text: str, name: str) -> list[Quote]:
    """Newsdesk's quotations, as ``newsdesk quotes --kind direct`` shows them (above the
    threshold; the set labels quotations, not reported speech)."""
    return [
        q
        for article in parse_document(text, name)
        for q in article.quotes
        if q.confidence >= CONFIDENCE_THRESHOLD and q.kind != QuoteKind.INDIRECT
    ]


def baseline(text: str, name: str) -> list[Quote]:
    return [q for a in read_dump(text, name) for q in naive_quotes(text, a.paragraphs)]


def evaluate(docs: Sequence[Labelled], finder: Callable[[str, str], list[Quote]]) -> Scores:
    scores = Scores()
    for doc in docs:
        score_document(scores, doc.name, doc.gold, finder(doc.text, doc.name))
    return scores
