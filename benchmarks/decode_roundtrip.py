"""How often the decoder gets legacy-encoded text back exactly, against a git revision.

Each paragraph of the seed dumps and the Wikinews corpus (whole, and cut to 200, 120, 80
and 40 characters: short inputs are where detection guesses) is encoded in a legacy
encoding; a paragraph the encoding cannot hold, or that stays ASCII, is left out. The
table counts the paragraphs :func:`tui.ingest.decode.decode_bytes` does not give back
exactly, for this checkout and for ``--base`` side by side (same inputs, one run).

    python benchmarks/decode_roundtrip.py --shared ../shared --base main

Run by hand (the corpora are not in git); figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ENCODINGS = ("cp1252", "latin-1", "cp932", "big5", "gb18030")
CUTS = (None, 200, 120, 80, 40)


def paragraphs(shared: Path) -> Iterator[str]:
    for path in sorted((shared / "seeds").glob("*.txt")):
        yield from path.read_text(encoding="utf-8").splitlines()
    corpus = shared / "corpora" / "wikinews_2019.csv"
    if corpus.is_file():
        csv.field_size_limit(1 << 30)
        with corpus.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield from row["text"].splitlines()


def samples(shared: Path) -> list[str]:
    out = []
    for paragraph in paragraphs(shared):
        for cut in CUTS:
            text = paragraph[:cut].strip()
            if text and not text.isascii():
                out.append(text)
    return out


def decoder_at(revision: str) -> Callable[[bytes], str]:
    """``decode_bytes`` as it is at ``revision`` (its module loaded from git)."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:tui/ingest/decode.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "decode_base.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("decode_base", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.decode_bytes


def misses(decode: Callable[[bytes], str], texts: list[str], encoding: str) -> tuple[int, int]:
    """(paragraphs not given back exactly, paragraphs tried) in ``encoding``."""
    wrong = tried = 0
    for text in texts:
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        tried += 1
        try:
            wrong += decode(data) != text
        except Exception:  # refused as binary: as wrong as a wrong guess
            wrong += 1
    return wrong, tried


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--base", default="main", help="git revision to compare with")
    args = parser.parse_args()
    from tui.ingest.decode import decode_bytes

    base = decoder_at(args.base)
    texts = samples(args.shared)
    print(f"| encoding | paragraphs | wrong at {args.base} | wrong here |")
    print("|---|---:|---:|---:|")
    for encoding in ENCODINGS:
        old, tried = misses(base, texts, encoding)
        new, _ = misses(decode_bytes, texts, encoding)
        print(f"| {encoding} | {tried} | {old} | {new} |")


if __name__ == "__main__":
    main()
