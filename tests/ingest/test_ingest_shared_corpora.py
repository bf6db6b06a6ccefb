"""The real input in ../shared: the two seed dumps and the 171 Wikinews articles."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tui.ingest.decode import clean_text
from tui.ingest.dump import read_dump
from tui.ingest.files import load_document
from tui.model import ArticleKind

SEED_000 = "seeds/000_f4fe4bb18238162a.txt"
SEED_004 = "seeds/004_945f3c7a9e515e45.txt"


def _seed(shared_dir: Path, name: str) -> tuple[str, list]:
    document = load_document(str(shared_dir / name))
    return document.text, read_dump(document.text, document.source)


def test_seed_000_main_story(shared_dir: Path) -> None:
    text, articles = _seed(shared_dir, SEED_000)
    assert len(articles) == 5
    story = articles[0]
    assert story.kind == ArticleKind.STORY
    assert len(story.paragraphs) == 15
    assert [c.text for c in story.captions] == ["Photo: Reuters", "Photo: AFP"]
    assert all(not p.text.startswith("Photo:") for p in story.paragraphs)
    assert story.title_inferred
    assert story.title.startswith("Huawei Technologies Co founder Ren Zhengfei is ready to license")
    assert "(" not in story.title and "華為" not in story.title
    assert not story.truncated
    # Paragraph 2 ends without a full stop but belongs to the story.
    assert story.paragraphs[1].text.endswith("exclusive licensee")
    for paragraph in story.paragraphs + story.captions:
        assert paragraph.span.of(text) == paragraph.text


def test_seed_000_briefs(shared_dir: Path) -> None:
    text, articles = _seed(shared_dir, SEED_000)
    briefs = articles[1:]
    assert [a.kind for a in briefs] == [ArticleKind.BRIEF] * 4
    assert all(b.truncated and b.title_inferred for b in briefs)
    first, second, third, fourth = briefs
    assert first.kicker == "TECH PARTNERSHIP"
    assert first.dek == (
        "The deal with Arizona-based Amkor would provide TSMC with advanced packing and "
        "test capacities, a requirement to serve US customers"
    )
    assert first.paragraphs[0].text.startswith(
        "Taiwan Semiconductor Manufacturing Co (TSMC, 台積電) is collaborating"
    )
    assert second.kicker is None and second.dek is None
    assert third.kicker is None and third.dek is None
    assert fourth.kicker == "Sales RecORD"
    assert fourth.dek is not None
    assert fourth.dek.endswith("saw quarterly sales increase by 17 percent")
    assert fourth.paragraphs[0].text.startswith("IPhone assembler Hon Hai")
    for brief in briefs:
        assert brief.paragraphs[0].span.of(text) == brief.paragraphs[0].text
        assert 0 < len(brief.title) <= 120
    assert len({a.id for a in articles}) == 5


def test_seed_004(shared_dir: Path) -> None:
    _, articles = _seed(shared_dir, SEED_004)
    assert len(articles) == 1
    story = articles[0]
    assert len(story.paragraphs) == 16
    assert [b.text for b in story.boilerplate] == ["Do you know all about security? Try our quiz!"]
    assert len(story.related) == 6
    assert all(r.text.endswith("…") for r in story.related)
    assert story.title.startswith("The founder and CEO of Huawei Technologies")


def _wikinews_rows(shared_dir: Path) -> list[dict[str, str]]:
    with open(shared_dir / "corpora" / "wikinews_2019.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


_DATELINE = re.compile(r"^\w+day, \w+ \d{1,2}, \d{4}\s*(?:\n|$)")


def _expected_blocks(text: str) -> int:
    """Non-empty blank-line-separated blocks once the dateline line is removed."""
    text = _DATELINE.sub("", text.strip(), count=1)
    return len([b for b in re.split(r"\n\s*\n", text) if b.strip()])


def test_every_wikinews_article_parses_to_one_article(shared_dir: Path, tmp_path: Path) -> None:
    rows = _wikinews_rows(shared_dir)
    assert len(rows) == 171
    failures = []
    for n, row in enumerate(rows):
        path = tmp_path / f"{n:03}.txt"
        path.write_text(f"{row['title']}\n\n{row['text']}", encoding="utf-8")
        document = load_document(str(path))
        articles = read_dump(document.text, document.source)
        expected = _expected_blocks(clean_text(row["text"]))
        got = [
            (a.title, len(a.paragraphs) + len(a.captions), a.date, a.title_inferred)
            for a in articles
        ]
        if got != [(row["title"], expected, row["date"], False)]:
            failures.append((n, got, expected))
    assert failures == []


def test_wikinews_body_paragraphs_are_the_blocks_except_photo_credits(shared_dir: Path) -> None:
    """Only credit lines (`Image: ...`) are taken out of the body, nothing else."""
    for row in _wikinews_rows(shared_dir):
        [article] = read_dump(clean_text(f"{row['title']}\n\n{row['text']}"), "w")
        assert all(re.match(r"(Image|Photo)\b", c.text) for c in article.captions)
        assert not article.related and not article.boilerplate
        assert len(article.paragraphs) + len(article.captions) == _expected_blocks(row["text"])


@pytest.mark.parametrize("separator", ["\n\n", "\n\n\n"])
def test_concatenated_wikinews_splits_into_every_article(shared_dir: Path, separator: str) -> None:
    rows = _wikinews_rows(shared_dir)
    text = clean_text(separator.join(f"{r['title']}\n\n{r['text'].strip()}" for r in rows))
    articles = read_dump(text, "all.txt")
    assert [a.title for a in articles] == [r["title"] for r in rows]
    assert [a.date for a in articles] == [r["date"] for r in rows]
