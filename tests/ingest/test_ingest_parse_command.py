"""`newsdesk parse`: output formats, offsets, exit codes and bad input, through the CLI."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

STORY = (
    "Harbour board approves new ferry terminal\n"
    "\n"
    "The harbour board approved a new ferry terminal on Tuesday, ending a long dispute.\n"
    "Work will start in the spring and should take two years, the board said.\n"
    "Photo: Staff\n"
    "“It is a good day for the island,” said board chair Lena Holm.\n"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["parse", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_is_one_array_with_offsets_and_source(
    capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    code, out, err = _run(capsys, str(story), "--format", "json")
    assert code == exitcodes.OK and err == ""
    [article] = json.loads(out)
    assert article["source"] == str(story)
    assert article["title"] == "Harbour board approves new ferry terminal"
    assert article["title_inferred"] is False
    assert [c["text"] for c in article["captions"]] == ["Photo: Staff"]
    text = story.read_text(encoding="utf-8")
    for paragraph in article["paragraphs"]:
        assert text[paragraph["span"]["start"] : paragraph["span"]["end"]] == paragraph["text"]
    assert set(article) >= {"id", "span", "kind", "entities", "quotes", "related"}


def test_jsonl_is_one_article_per_line(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    second = tmp_path / "second.txt"
    second.write_text(STORY.replace("ferry terminal", "lighthouse"), encoding="utf-8")
    code, out, _ = _run(capsys, str(story), str(second), "--format", "jsonl")
    assert code == exitcodes.OK
    lines = out.splitlines()
    assert [json.loads(line)["source"] for line in lines] == [str(story), str(second)]


def test_text_format_is_a_summary(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, out, _ = _run(capsys, str(story), "--format", "text")
    assert code == exitcodes.OK
    assert "Harbour board approves new ferry terminal" in out
    assert "3 paragraphs, 1 caption, 0 related" in out


def test_text_format_counts_one_in_the_singular(capsys, tmp_path: Path) -> None:
    """`1 paragraph, 1 entity, 1 quote`, not `1 paragraphs, 1 entities, 1 quotes`."""
    one = tmp_path / "one.txt"
    one.write_text(
        "Mayor opens the bridge\n\n"
        '"It is a fine day for the town," said Mayor Anna Berg on Monday.\n',
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, str(one), "--format", "text")
    assert code == exitcodes.OK
    assert "1 paragraph, 0 captions, 0 related, 0 boilerplate, 1 entity, 1 quote\n" in out


def test_missing_path_among_good_ones(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = _run(capsys, str(missing), str(story), "--format", "jsonl")
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert [json.loads(line)["source"] for line in out.splitlines()] == [str(story)]
    [line] = err.splitlines()
    assert str(missing) in line and "no such file" in line


def test_binary_file_is_named_and_others_still_printed(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    blob = tmp_path / "photo.jpg"
    blob.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    code, out, err = _run(capsys, str(blob), str(story))
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert len(json.loads(out)) == 1
    assert err.strip() == f"newsdesk parse: {blob}: binary file, not text"


def test_empty_file_gives_no_articles_and_exit_0(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = _run(capsys, str(empty))
    assert code == exitcodes.OK
    assert json.loads(out) == []
    assert "no articles" in err


def test_twenty_megabyte_single_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "The committee said the new rules would apply from next year. "
    big.write_text(sentence * (20_000_000 // len(sentence)), encoding="utf-8")
    code, out, _ = _run(capsys, str(big), "--format", "jsonl")
    assert code == exitcodes.OK
    [article] = [json.loads(line) for line in out.splitlines()]
    assert article["title"] == "The committee said the new rules would apply from next year"
    assert article["span"]["end"] > 19_000_000


def test_invalid_utf8_in_the_middle(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes(
        STORY.encode("utf-8") + b"A damaged \xc3\x28 byte in the middle of the file, it says.\n"
    )
    code, out, _ = _run(capsys, str(path))
    assert code == exitcodes.OK
    [article] = json.loads(out)
    assert "damaged \ufffd( byte" in article["paragraphs"][-1]["text"]


def test_markup_kept_as_typed_and_escapes_removed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(
        "Press [@click=app.quit]here[/] for [b]bold[/b] news, the \x1b[31mred\x1b[0m "
        "editor said.\x1b]0;owned\x07\nSecond paragraph with a bell\x07 in it, he added.\n",
        encoding="utf-8",
    )
    code, out, _ = _run(capsys, str(path))
    assert code == exitcodes.OK
    [article] = json.loads(out)
    texts = [p["text"] for p in article["paragraphs"]]
    assert texts == [
        "Press [@click=app.quit]here[/] for [b]bold[/b] news, the red editor said.",
        "Second paragraph with a bell in it, he added.",
    ]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("cp1252", b""),
        ("big5", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str, bom: bytes
) -> None:
    if encoding == "cp1252":
        body = "The café’s “owner” said naïve résumés cost €20 — déjà vu, Señor Müller noted.\n"
    elif encoding == "big5":
        body = "台積電今天宣布與美國公司合作，提供先進封裝與測試產能。鴻海上季營收成長。\n"
    elif encoding == "gb18030":
        body = "华为创始人表示，愿意将技术授权给一家美国公司。台积电今天宣布与美国公司合作。\n"
    else:
        body = "Ren Zhengfei (任正非) said the “offer” stands — for now.\n"
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(bom + (body * 3).encode(encoding))
    code, out, _ = _run(capsys, str(path), "--format", "jsonl")
    assert code == exitcodes.OK
    [article] = [json.loads(line) for line in out.splitlines()]
    assert [p["text"] for p in article["paragraphs"]] == [body.strip()] * 3


def test_directory_is_read_recursively(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "two.txt").write_text(STORY.replace("ferry", "bus"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    code, out, _ = _run(capsys, str(tmp_path), "--format", "jsonl")
    assert code == exitcodes.OK
    sources = [Path(json.loads(line)["source"]).name for line in out.splitlines()]
    assert sources == ["one.txt", "two.txt"]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse"])
    assert info.value.code == exitcodes.USAGE
    with pytest.raises(SystemExit) as info:
        main(["parse", "x.txt", "--format", "xml"])
    assert info.value.code == exitcodes.USAGE


def test_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["parse", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--format jsonl" in out


def test_empty_directory_is_noted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, str(tmp_path))
    assert code == exitcodes.OK
    assert json.loads(out) == []
    assert "no files" in err
