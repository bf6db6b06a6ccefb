"""`newsdesk quotes`: JSON lines, the table, --speaker, --all and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

STORY = (
    "Ferry operator Westmark Lines will add a night crossing from June, its chief executive "
    "Lena Holm said on Tuesday.\n"
    "“Islanders have asked for it for years,” Holm said. “Now they will have it.”\n"
    "The company was removed from the so-called “watch list” last year.\n"
    "Passenger group spokesperson Jonas Ekberg told the Harbour Gazette the plan was "
    "“a good start”.\n"
)
FIELDS = [
    "file",
    "article",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_start",
    "speaker_end",
    "cue",
    "kind",
    "confidence",
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["quotes", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_jsonl_objects_have_exactly_the_design_fields(
    capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    code, out, err = _run(capsys, str(story))
    assert code == exitcodes.OK, err
    records = _lines(out)
    assert [list(r) for r in records] == [FIELDS] * len(records)
    assert [(r["speaker"], r["kind"]) for r in records] == [
        ("Lena Holm", "indirect"),
        ("Lena Holm", "direct"),
        ("Lena Holm", "continuation"),
        ("Jonas Ekberg", "partial"),
    ]
    for record in records:
        assert STORY[record["start"] : record["end"]] == record["text"]
        assert record["file"] == str(story)
        assert len(record["article"]) == 16
    reported = records[0]
    assert reported["text"] == "Ferry operator Westmark Lines will add a night crossing from June"
    assert STORY[reported["speaker_start"] : reported["speaker_end"]] == "Lena Holm"
    first = records[1]
    assert STORY[first["speaker_start"] : first["speaker_end"]] == "Holm"
    assert first["cue"] == "said"
    assert 0 < first["confidence"] <= 1


def test_all_shows_the_low_confidence_quotes(
    capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    _code, out, _err = _run(capsys, str(story), "--all")
    records = _lines(out)
    [scare] = [r for r in records if r["text"] == "“watch list”"]
    assert scare["speaker"] is None and scare["confidence"] < 0.5
    assert len(records) == 5


@pytest.mark.parametrize(
    ("kind", "kinds"),
    [("direct", {"direct", "continuation", "partial"}), ("indirect", {"indirect"})],
)
def test_kind_keeps_quotations_or_reported_speech(
    capsys: pytest.CaptureFixture[str], story: Path, kind: str, kinds: set[str]
) -> None:
    code, out, _err = _run(capsys, str(story), "--kind", kind)
    assert code == exitcodes.OK
    assert {r["kind"] for r in _lines(out)} == kinds


def test_speaker_aliases_learnt_in_one_file_apply_to_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 14 item 17: ``--speaker 任正非`` finds Ren Zhengfei's quotes in a file where
    the alias never appears, because another file given taught it."""
    (tmp_path / "a.txt").write_text(
        "Huawei founder Ren Zhengfei (任正非) spoke in Shenzhen.\n"
        "“We will survive,” 任正非 said.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Ren Zhengfei met reporters on Monday.\n“We are ready,” Ren Zhengfei said.\n",
        encoding="utf-8",
    )
    _code, out, _err = _run(capsys, str(tmp_path), "--speaker", "任正非")
    texts = {r["text"] for r in _lines(out)}
    assert texts == {"“We will survive,”", "“We are ready,”"}


@pytest.mark.parametrize("name", ["Lena Holm", "lena holm", "holm", "LENA  HOLM", "Lena Hlom"])
def test_speaker_filter_matches_name_alias_case_and_typos(
    capsys: pytest.CaptureFixture[str], story: Path, name: str
) -> None:
    _code, out, _err = _run(capsys, str(story), "--speaker", name)
    assert {r["speaker"] for r in _lines(out)} == {"Lena Holm"}


def test_speaker_filter_with_no_match_prints_nothing(
    capsys: pytest.CaptureFixture[str], story: Path
) -> None:
    code, out, _err = _run(capsys, str(story), "--speaker", "Nobody Atall")
    assert code == exitcodes.OK
    assert out == ""


def test_table_is_readable(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    code, out, _err = _run(capsys, str(story), "--format", "table")
    assert code == exitcodes.OK
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["FILE:OFFSET", "SPEAKER", "KIND"]
    assert "Lena Holm" in lines[1] and "indirect" in lines[1]
    assert "Lena Holm" in lines[2] and "Islanders have asked" in lines[2]
    assert lines[-1] == "4 quotes"


def test_unreadable_input_is_named_and_the_rest_processed(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = _run(capsys, str(missing), str(story))
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert str(missing) in err and "Traceback" not in err
    assert len(_lines(out)) == 4


def test_directories_are_read_recursively(
    capsys: pytest.CaptureFixture[str], story: Path, tmp_path: Path
) -> None:
    nested = tmp_path / "more" / "deeper"
    nested.mkdir(parents=True)
    (nested / "copy.txt").write_text(STORY, encoding="utf-8")
    code, out, _err = _run(capsys, str(tmp_path))
    assert code == exitcodes.OK
    assert len(_lines(out)) == 8


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], story: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["quotes", str(story), "--format", "xml"])
    assert raised.value.code == exitcodes.USAGE
    with pytest.raises(SystemExit) as raised:
        main(["quotes"])
    assert raised.value.code == exitcodes.USAGE


INTERVIEW = """Harbour engineer on the new quay

The harbour authority of Valmora said on Monday that a container terminal would open.
“It will change the town,” the mayor, Rosa Lind, said.

Q: Why did the authority choose the eastern quay?

A: Because the water there is deep enough for the largest ships.
"""


@pytest.mark.parametrize(
    ("kind", "kinds"),
    [
        ("direct", {"direct"}),
        ("indirect", {"indirect"}),
        ("interview", {"interview"}),
    ],
)
def test_interview_turns_are_their_own_kind(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, kinds: set[str]
) -> None:
    """A turn of an interview has no quote marks: `--kind direct` leaves it out."""
    path = tmp_path / "interview.txt"
    path.write_text(INTERVIEW, encoding="utf-8")
    code, out, _err = _run(capsys, str(path), "--kind", kind)
    assert code == exitcodes.OK
    assert {r["kind"] for r in _lines(out)} == kinds
