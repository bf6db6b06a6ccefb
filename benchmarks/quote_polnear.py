"""Quote attribution measured on PolNeAR train (real US political news), beside a baseline.

PolNeAR (networkdynamics/PolNeAR) annotates every attribution in 1,008 news articles as
source, cue and content spans (brat standoff). This script reads **only** ``data/train/``
(and ``data/metadata.tsv``) from a local git mirror of it, through ``git archive`` into a
temporary directory that is removed afterwards: dev and test are held out for
acceptance, and no PolNeAR text is ever written into this repository.

Scoring (issue 13):

- Gold direct quotes: content spans that open with a quote mark (``“ " ‘``); a content's
  fragments separated only by white space are merged first. The first annotator's file
  of each article (metadata order).
- A gold quote is found when one prediction (one-to-one, greedy, best coverage first)
  covers at least 30% of its characters. A prediction is correct when at least 80% of
  its characters lie inside any annotated content span (partial quotes inside reported
  speech are real quotes).
- Speaker: right when the predicted mention overlaps the gold source span, or the
  predicted name shares a content word with it. Gold sources that are bare pronouns,
  and attributions without a source, are not scored.
- Indirect speech at 50%: gold = content spans holding no quote mark (``“ ” " ‘``, nor
  the ``''`` some archives write for ``"``) whose cue is a verb of saying (:data:`SAYING`);
  a prediction (``kind: indirect``) is correct when half of it lies inside a content
  span, and finds a gold span when it covers half of it.

Rows: ``newsdesk`` (what ``newsdesk quotes`` shows), ``newsdesk --all`` (every quote,
also those below the confidence threshold) and ``baseline`` (every double-quoted span,
speaker = nearest capitalised word run). Every quote a row shows is scored: kinds
``direct``, ``partial`` and ``continuation`` as direct quotes, ``indirect`` as reported
speech. An interview's turn (kind ``interview``: ``Q: ...``, ``NAME: ...``) has no
quote marks, so it is a direct quote in PolNeAR's sense only when its words open with a
quote mark (then it is scored as one); the others are counted in a column of their own,
with how many lie inside an annotated content span (annotators marked some
interviews' answers as content, others not at all).

    python benchmarks/quote_polnear.py [REPO] [--errors N [--context]] [--limit N]

REPO is the mirror (a bare git directory or a checkout); default ``$POLNEAR_REPO``, then
``$POLNEAR_DIR``, then /work/.mirror/networkdynamics+PolNeAR/repo. ``--errors N`` prints
up to N misses, false alarms and wrong speakers of the default row to the terminal (for
reading only: never paste them into the repository); ``--context`` adds each miss's gold
source and the words around it (the paragraph, and the end of the one before), which is
how issue 13's fourth round grouped train's misses by shape.
"""

from __future__ import annotations

import argparse
import inspect
import io
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, os.environ.get("QUOTE_POLNEAR_TUI") or str(HERE.parent))  # --against

from quote_scoring import naive_quotes  # noqa: E402

from tui.extract.pipeline import parse_document  # noqa: E402
from tui.model import Quote, QuoteKind  # noqa: E402


def _words(text: str) -> list[str]:
    """A word list written as one string (shorter to read than a list literal)."""
    return text.split()


DEFAULT_REPO = "/work/.mirror/networkdynamics+PolNeAR/repo"
OPENING_MARKS = '“"‘'
#: Marks that make a content span direct (or at least not purely reported).
QUOTE_MARKS = '“”"‘'
DIRECT_FOUND, DIRECT_CORRECT = 0.3, 0.8
INDIRECT_FOUND, INDIRECT_CORRECT = 0.5, 0.5

#: Verbs (and phrases) of saying: a cue holding one of these words makes its content
#: reported speech. Inflected forms are listed, not stemmed, to stay readable. Verbs
#: that characterise rather than report (``called it``, ``described``) are left out.
SAYING = frozenset(
    _words(
        """
     say says said saying tell tells told telling add adds added adding write writes
     wrote written writing argue argues argued arguing warn warns warned warning
     according claim claims claimed claiming state states stated explain explains
     explained note notes noted insist insists insisted announce announces announced
     report reports reported ask asks asked declare declares declared reply replies
     replied respond responds responded suggest suggests suggested tweet tweets tweeted
     tweeting predict predicts predicted acknowledge acknowledges acknowledged admit
     admits admitted recall recalls recalled contend contends contended assert asserts
     asserted maintain maintains maintained conclude concludes concluded observe observes
     observed emphasize emphasized emphasise emphasised comment comments commented
     promise promises promised testify testified mention mentions mentioned confirm
     confirms confirmed deny denies denied complain complains complained charge charges
     charged allege alleges alleged stress stresses stressed point pointed told explain
     urge urges urged vow vows vowed boast boasts boasted joke joked quipped quip remark
     remarks remarked reply
        """
    )
)
PRONOUNS = frozenset(
    _words(
        """
     i me my we us our you your he him his she her they them their it its one who whom
     which that this these those someone somebody anyone
        """
    )
)
#: Words that do not name a speaker: titles, articles, pronouns, prepositions.
NOT_NAMES = PRONOUNS | frozenset(
    _words(
        """
     the a an of for and in on at to from by with mr mrs ms dr sen rep gov gen rev judge
     senator president former spokesman spokeswoman spokesperson
        """
    )
)
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    sources: tuple[tuple[int, int], ...]
    source_text: str
    cue: str = ""


@dataclass(slots=True)
class Article:
    name: str
    text: str
    direct: list[Gold]
    indirect: list[Gold]
    contents: list[tuple[int, int]]  # every content fragment, for precision


@dataclass(slots=True)
class Counts:
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    found: int = 0
    speakers_scored: int = 0
    speakers_right: int = 0
    errors: list[str] = field(default_factory=list)

    def ratios(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 1.0
        r = self.found / self.gold if self.gold else 1.0
        s = self.speakers_right / self.speakers_scored if self.speakers_scored else 1.0
        return p, r, s


# -- reading PolNeAR ---------------------------------------------------------------------


def read_train(repo: Path, limit: int | None = None) -> list[Article]:
    """The train articles, each with its first annotator's attributions."""
    files = _train_files(repo)
    metadata = files.pop("metadata.tsv").decode("utf-8")
    articles: list[Article] = []
    for line in metadata.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) < 4 or cells[0] != "train":
            continue
        name, annotators = cells[1], cells[3].split("|")
        raw = files.get(f"text/{name}.txt")
        ann = next(
            (
                files[f"attributions/{name}_{a}.ann"]
                for a in annotators
                if f"attributions/{name}_{a}.ann" in files
            ),
            None,
        )
        if raw is None or ann is None:
            continue
        text = raw.decode("utf-8")
        articles.append(_article(name, text, ann.decode("utf-8")))
        if limit is not None and len(articles) >= limit:
            break
    return articles


def _train_files(repo: Path) -> dict[str, bytes]:
    """``text/*.txt``, ``attributions/*.ann`` of train and ``metadata.tsv``, in memory."""
    files: dict[str, bytes] = {}
    checkout = repo / "data" / "train"
    if checkout.is_dir():  # a work tree
        for sub in ("text", "attributions"):
            for path in (checkout / sub).iterdir():
                files[f"{sub}/{path.name}"] = path.read_bytes()
        files["metadata.tsv"] = (repo / "data" / "metadata.tsv").read_bytes()
        return files
    git = ["git", "-C", str(repo)]
    archive = subprocess.run(
        [*git, "archive", "--format=tar", "HEAD:data/train", "text", "attributions"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                handle = tar.extractfile(member)
                if handle is not None:
                    files[member.name] = handle.read()
    files["metadata.tsv"] = subprocess.run(
        [*git, "show", "HEAD:data/metadata.tsv"], capture_output=True, check=True
    ).stdout
    return files


def _article(name: str, text: str, ann: str) -> Article:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        cells = line.split("\t")
        if line.startswith("T") and len(cells) >= 2:
            kind, _, where = cells[1].partition(" ")
            fragments = []
            for piece in where.split(";"):
                a, b = piece.split()
                fragments.append((int(a), int(b)))
            spans[cells[0]] = (kind, sorted(fragments))
        elif line.startswith("E") and len(cells) >= 2:
            roles = dict(part.split(":", 1) for part in cells[1].split() if ":" in part)
            events.append(roles)
    direct: list[Gold] = []
    indirect: list[Gold] = []
    contents: list[tuple[int, int]] = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if content is None:
            continue
        contents.extend(content[1])
        source = spans.get(roles.get("Source", ""))
        sources = tuple(source[1]) if source else ()
        source_text = " ".join(text[a:b] for a, b in sources)
        cue = spans.get(roles.get("Cue", ""))
        cue_text = " ".join(text[a:b] for a, b in cue[1]) if cue else ""
        pieces = _merged(text, content[1])
        whole = " ".join(text[a:b] for a, b in pieces)
        for a, b in pieces:
            if text[a:b].lstrip()[:1] in OPENING_MARKS and re.search(r"\w", text[a:b]):
                direct.append(Gold(a, b, sources, source_text))
        if not any(m in whole for m in QUOTE_MARKS) and "''" not in whole and _is_saying(cue_text):
            a, b = pieces[0][0], pieces[-1][1]
            indirect.append(Gold(a, b, sources, source_text, cue_text))
    return Article(name, text, direct, indirect, contents)


def _merged(text: str, fragments: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fragments separated only by white space become one."""
    merged: list[tuple[int, int]] = []
    for a, b in fragments:
        if merged and not text[merged[-1][1] : a].strip():
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _is_saying(cue: str) -> bool:
    return any(w in SAYING for w in _WORD.findall(cue.casefold()))


# -- scoring -----------------------------------------------------------------------------


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _inside(span: tuple[int, int], contents: Sequence[tuple[int, int]]) -> int:
    """Characters of ``span`` inside the union of ``contents``."""
    covered = 0
    pos = span[0]
    for a, b in sorted(contents):
        a, b = max(a, pos), min(b, span[1])
        if b > a:
            covered += b - a
            pos = b
    return covered


def _content_words(text: str) -> set[str]:
    words = {w.replace("’", "'") for w in _WORD.findall(text.casefold())}
    return {w.removesuffix("'s") for w in words if w not in NOT_NAMES and len(w) > 1}


def _speaker_scored(gold: Gold) -> bool:
    words = _WORD.findall(gold.source_text.casefold())
    return bool(gold.sources) and not (len(words) == 1 and words[0] in PRONOUNS)


def _speaker_right(gold: Gold, quote: Quote) -> bool:
    if quote.speaker_span is not None:
        mention = (quote.speaker_span.start, quote.speaker_span.end)
        if any(_overlap(mention, s) for s in gold.sources):
            return True
    if quote.speaker is None:
        return False
    return bool(_content_words(quote.speaker) & _content_words(gold.source_text))


def score(
    counts: Counts,
    article: Article,
    gold: Sequence[Gold],
    predicted: Sequence[Quote],
    found_at: float,
    correct_at: float,
) -> None:
    text = article.text
    counts.gold += len(gold)
    counts.predicted += len(predicted)
    wrong: list[Quote] = []
    for quote in predicted:
        span = (quote.span.start, quote.span.end)
        if _inside(span, article.contents) >= correct_at * max(1, span[1] - span[0]):
            counts.correct += 1
        else:
            wrong.append(quote)
    candidates = []
    for g, gq in enumerate(gold):
        length = max(1, gq.end - gq.start)
        for p, pq in enumerate(predicted):
            share = _overlap((gq.start, gq.end), (pq.span.start, pq.span.end)) / length
            if share >= found_at:
                candidates.append((-share, g, p))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _share, g, p in candidates:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        counts.found += 1
        if _speaker_scored(gold[g]):
            counts.speakers_scored += 1
            if _speaker_right(gold[g], predicted[p]):
                counts.speakers_right += 1
            else:
                counts.errors.append(
                    f"speaker {article.name}: {_clip(text[gold[g].start : gold[g].end])!r} "
                    f"-> {predicted[p].speaker!r}, gold {gold[g].source_text!r}"
                )
    for g, gq in enumerate(gold):
        if g not in used_g:
            line = f"miss {article.name}: {_clip(text[gq.start : gq.end])!r}"
            if CONTEXT:
                line += f"\n        source {gq.source_text!r}; {_context(text, gq.start, gq.end)}"
            counts.errors.append(line)
    for quote in wrong:
        counts.errors.append(f"false {article.name}: {_clip(quote.text)!r} ({quote.speaker})")


#: ``--context``: misses are printed with the words around them (train only, to the
#: terminal: never paste them into the repository).
CONTEXT = False


def _context(text: str, start: int, end: int, reach: int = 200) -> str:
    """The gold span in ``[[…]]`` with up to ``reach`` characters of its paragraph (and
    the paragraph before's end) on either side, on one line."""
    lo = max(0, text.rfind("\n", 0, max(0, text.rfind("\n", 0, start) - 1)) + 1, start - reach)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + reach)
    around = f"{text[lo:start]}[[{text[start:end]}]]{text[end:hi]}"
    return " ".join(around.replace("\n", " ¶ ").split())


def _clip(text: str, width: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


#: A finder's quotes of one article: (direct, indirect, interview turns).
Found = tuple[Sequence[Quote], Sequence[Quote], Sequence[Quote]]
Finder = Callable[[Article], Found]


def split_kinds(quotes: Iterable[Quote]) -> Found:
    """What ``newsdesk quotes`` shows, split as PolNeAR scores it: indirect is reported
    speech; an interview's turn (``Q: ...``, ``NAME: ...``) is a direct quote in
    PolNeAR's sense only when its words open with a quote mark, else it is counted
    apart (it is neither a quotation nor a reported clause); everything else (direct,
    partial, continuation) is a quotation."""
    indirect_kind = getattr(QuoteKind, "INDIRECT", None)
    interview_kind = getattr(QuoteKind, "INTERVIEW", None)
    direct: list[Quote] = []
    indirect: list[Quote] = []
    turns: list[Quote] = []
    for quote in quotes:
        if quote.kind == indirect_kind:
            indirect.append(quote)
        elif quote.kind == interview_kind and quote.text.lstrip()[:1] not in OPENING_MARKS:
            turns.append(quote)
        else:
            direct.append(quote)
    return direct, indirect, turns


#: What ``newsdesk quotes`` shows: reported speech too (a revision before it was found
#: on demand takes no such argument: it always found it).
_SHOWN = {"reported": True} if "reported" in inspect.signature(parse_document).parameters else {}


def _newsdesk(all_quotes: bool) -> Finder:
    def find(article: Article) -> Found:
        parsed = parse_document(article.text, article.name, all_quotes=all_quotes, **_SHOWN)
        return split_kinds(q for one in parsed for q in one.quotes)

    return find


def _baseline(article: Article) -> Found:
    paragraphs = [
        p for parsed in parse_document(article.text, article.name) for p in parsed.paragraphs
    ]
    return naive_quotes(article.text, paragraphs), (), ()


def evaluate(articles: Iterable[Article], finder: Finder) -> tuple[Counts, Counts, Counts, float]:
    """Direct and indirect scored; interview turns only counted (``predicted``) and
    checked against the annotated contents (``correct``)."""
    direct, indirect, turns = Counts(), Counts(), Counts()
    started = time.perf_counter()
    for article in articles:
        found_direct, found_indirect, found_turns = finder(article)
        score(direct, article, article.direct, found_direct, DIRECT_FOUND, DIRECT_CORRECT)
        score(indirect, article, article.indirect, found_indirect, INDIRECT_FOUND, INDIRECT_CORRECT)
        score(turns, article, (), found_turns, DIRECT_FOUND, DIRECT_CORRECT)
    return direct, indirect, turns, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", nargs="?", help="the PolNeAR mirror (default: $POLNEAR_REPO)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N errors")
    parser.add_argument(
        "--context",
        action="store_true",
        help="with --errors: each miss with its source and the words around it",
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="first N articles")
    parser.add_argument("--only", choices=("newsdesk", "all", "baseline"), help="one row")
    parser.add_argument(
        "--against", metavar="REF", help="also score git revision REF's extractor, same run"
    )
    parser.add_argument("--rows-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global CONTEXT
    CONTEXT = args.context
    repo = Path(
        args.repo or os.environ.get("POLNEAR_REPO") or os.environ.get("POLNEAR_DIR") or DEFAULT_REPO
    )
    if not repo.exists():
        print(f"quote_polnear: {repo}: no PolNeAR mirror here; pass its path", file=sys.stderr)
        return 2
    articles = read_train(repo, args.limit)
    n_direct = sum(len(a.direct) for a in articles)
    n_indirect = sum(len(a.indirect) for a in articles)
    if not args.rows_only:
        print(f"PolNeAR train: {len(articles)} articles, {n_direct} direct, {n_indirect} indirect")
        print()
        print(
            "| finder | direct P | direct R | direct speaker | indirect P | indirect R "
            "| indirect speaker | predicted direct/indirect | interview turns (in a content) "
            "| seconds |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        sys.stdout.flush()
    if args.against:
        _print_against(args.against, repo, args.limit)
    rows: list[tuple[str, Finder]] = [
        ("newsdesk", _newsdesk(False)),
        ("newsdesk --all", _newsdesk(True)),
        ("baseline", _baseline),
    ]
    wanted = {"newsdesk": "newsdesk", "all": "newsdesk --all", "baseline": "baseline"}
    exact: list[str] = []
    for label, finder in rows:
        if args.only and wanted[args.only] != label:
            continue
        direct, indirect, turns, seconds = evaluate(articles, finder)
        dp, dr, ds = direct.ratios()
        ip, ir, is_ = indirect.ratios()
        ind = f"{ip:.3f} | {ir:.3f} | {is_:.3f}" if indirect.predicted else "– | – | –"
        print(
            f"| {args.label}{label} | {dp:.3f} | {dr:.3f} | {ds:.3f} | {ind} "
            f"| {direct.predicted}/{indirect.predicted} | {turns.predicted} ({turns.correct}) "
            f"| {seconds:.1f} |"
        )
        if label == "newsdesk":  # the target row: its ratios unrounded
            exact.append(
                f"{args.label}newsdesk: direct P {direct.correct}/{direct.predicted} = {dp:.4f}, "
                f"R {direct.found}/{direct.gold} = {dr:.4f}, speaker "
                f"{direct.speakers_right}/{direct.speakers_scored} = {ds:.4f}; indirect P "
                f"{ip:.4f}, R {ir:.4f}, speaker {is_:.4f}"
            )
        if (args.errors and label == rows[0][0]) or (args.only and args.errors):
            for line in (direct.errors + [f"[indirect] {e}" for e in indirect.errors])[
                : args.errors
            ]:
                print("   ", line)
    if exact and not args.rows_only:
        print()
        print("\n".join(exact))
    return 0


def _print_against(ref: str, repo: Path, limit: int | None) -> None:
    """The rows of git revision ``ref``'s extractor (its ``tui`` unpacked into a
    temporary directory, this script run on it in a subprocess): before and after in
    one run."""
    root = HERE.parent
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "--format=tar", ref, "tui"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
        argv = [sys.executable, str(Path(__file__).resolve()), str(repo), "--rows-only"]
        argv += ["--label", f"{ref} ", *(["--limit", str(limit)] if limit else [])]
        for only in ("newsdesk", "all"):
            subprocess.run(
                [*argv, "--only", only],
                check=True,
                env={**os.environ, "QUOTE_POLNEAR_TUI": scratch},
                cwd=scratch,
            )


if __name__ == "__main__":
    raise SystemExit(main())
