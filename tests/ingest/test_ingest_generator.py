"""benchmarks/generate.py: deterministic dumps the reader parses into what was written."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tui.ingest.dump import read_dump
from tui.ingest.files import expand_paths, load_document
from tui.model import ArticleKind

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    gen = _generator()
    paths = [tmp_path / f"{n}.txt" for n in range(3)]
    for path, seed in zip(paths, [7, 7, 8], strict=True):
        assert gen.main(["--articles", "50", "--seed", str(seed), "--out", str(path)]) == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()


def test_generated_dump_parses_into_the_articles_written() -> None:
    gen = _generator()
    stream = gen.dumps(seed=3)
    texts, counts = zip(*(next(stream) for _ in range(25)), strict=True)
    text = "\n".join(texts)
    articles = read_dump(text, "gen")
    assert len(articles) == sum(counts)
    stories = [a for a in articles if a.kind == ArticleKind.STORY]
    assert len(stories) == 25
    assert all(not a.title_inferred for a in stories)
    assert any(a.captions for a in stories) and any(a.related for a in stories)
    assert any(a.boilerplate for a in stories)
    briefs = [a for a in articles if a.kind == ArticleKind.BRIEF]
    assert briefs and all(b.truncated for b in briefs)
    assert any(b.kicker and b.dek for b in briefs)
    body = "\n".join(a.body_text for a in stories)
    for cue in ("” ", " said", " told ", "According to", "was quoted by"):
        assert cue in body


def test_many_files(tmp_path: Path) -> None:
    gen = _generator()
    out = tmp_path / "library"
    gen.main(["--articles", "40", "--per-file", "3", "--out", f"{out}/"])
    files = expand_paths([str(out)])
    assert len(files) > 1
    total = sum(len(read_dump(load_document(f).text, f)) for f in files)
    assert total >= 40
