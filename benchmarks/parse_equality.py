"""Check that a change to the parser leaves its output identical.

Parses the generated dumps, the seeds and the Wikinews corpus (each article written
out as ``title\\n\\ntext``, as the tests do) with ``parse_document`` (reader, entities,
quotes) and records, per document, the ``repr`` digest of every article: every field,
paragraph, span, entity, mention and quote. Run it once on the old code to write a
snapshot, then on the new code to compare:

    PYTHONPATH=/path/to/old python benchmarks/parse_equality.py --write snap.json
    PYTHONPATH=$PWD python benchmarks/parse_equality.py --check snap.json

Only the documents named (dumps) or found (seeds, corpus) are compared. On a
difference it prints the first differing article of each document and exits 1.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")


def _documents(dumps: list[Path]) -> list[tuple[str, str]]:
    from tui.ingest.files import load_document

    docs = [(p.name, load_document(str(p)).text) for p in dumps]
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        docs.append((seed.name, load_document(str(seed)).text))
    corpus = SHARED / "corpora" / "wikinews_2019.csv"
    if corpus.exists():
        with corpus.open(encoding="utf-8", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle)):
                docs.append((f"wikinews#{n}", f"{row['title']}\n\n{row['text']}"))
    return docs


def _digests(text: str, name: str) -> list[str]:
    from tui.extract.pipeline import parse_document

    return [
        hashlib.blake2b(repr(a).encode("utf-8"), digest_size=16).hexdigest()
        for a in parse_document(text, name)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path)
    mode.add_argument("--check", type=Path)
    parser.add_argument("dumps", nargs="*", type=Path)
    args = parser.parse_args(argv)

    docs = _documents(args.dumps)
    result = {name: _digests(text, name) for name, text in docs}
    if args.write:
        args.write.write_text(json.dumps(result))
        print(f"wrote {sum(map(len, result.values()))} article digests of {len(result)} documents")
        return 0
    expected = json.loads(args.check.read_text())
    bad = 0
    texts = dict(docs)
    checked = {name: digests for name, digests in expected.items() if name in result}
    for name, digests in checked.items():
        got = result[name]
        if got == digests:
            continue
        bad += 1
        print(f"{name}: {len(digests)} articles expected, {len(got or [])} now", file=sys.stderr)
        for i, (old, new) in enumerate(zip(digests, got or [], strict=False)):
            if old != new:
                from tui.extract.pipeline import parse_document

                print(f"  first difference at article {i}:", file=sys.stderr)
                print(f"  {parse_document(texts[name], name)[i]!r}"[:3000], file=sys.stderr)
                break
    total = sum(map(len, checked.values()))
    if bad:
        print(f"{bad} of {len(checked)} documents differ", file=sys.stderr)
        return 1
    print(f"identical: {total} articles of {len(checked)} documents (of {len(expected)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
