"""Issue 15.1: escape sequences never reach the terminal through names, notes or tags.

Hostile file names are created in ``tmp_path`` here, never committed (not every file
system can hold them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui import exitcodes
from tui.app.textsafe import visible
from tui.cli import main
from tui.model import Span
from tui.store import Library, LibraryError
from tui.terminal_safe import SafeLineStream, is_terminal_safe, terminal_safe

OSC_TITLE = "\x1b]0;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;ZXZpbA==\x07"
BIDI = "\u202e\u2066"
STORY = (
    "Harbour officials in Valdora said on Monday that the new terminal would open in March.\n"
    "“We are confident the cranes will arrive in time,” port director Lena Sorvik said.\n"
    "Local shipping firms had expected the terminal to ease congestion at the quays.\n"
)

RAW = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))] + [
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\udcff",  # an undecodable byte of a file name (surrogateescape)
]


def _no_raw_controls(text: str) -> None:
    # CSV ends its rows with CRLF (RFC 4180): the only place a CR is written.
    assert is_terminal_safe(text.replace("\r\n", "\n"), keep_newlines=True), repr(text)


@pytest.mark.parametrize("char", RAW, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_is_replaced_one_for_one(char: str) -> None:
    shown = terminal_safe(f"a{char}b")
    assert len(shown) == 3 and shown[0] == "a" and shown[2] == "b"
    assert shown[1] != char and shown[1].isprintable()
    assert terminal_safe(shown) == shown  # applying it twice changes nothing


def test_escape_sequences_show_as_pictures_and_newlines_can_be_kept() -> None:
    assert terminal_safe(OSC_TITLE) == "␛]0;PWNED␇"
    assert terminal_safe("a\nb") == "a␊b"
    assert terminal_safe("a\nb", keep_newlines=True) == "a\nb"
    assert terminal_safe("plain text, 任正非 — “quoted”") == "plain text, 任正非 — “quoted”"


def test_the_app_delegates_so_bidi_controls_show_there_too() -> None:
    text = f"title {BIDI}txt.exe\x1b[2J"
    shown = visible(text)
    assert len(shown) == len(text)  # offsets stay one-for-one
    assert "\u202e" not in shown and "\u2066" not in shown and "\x1b" not in shown


def test_safe_stderr_stream_keeps_lines_and_cleans_the_rest(capsys) -> None:
    import sys

    stream = SafeLineStream(sys.stderr)
    stream.write(f"newsdesk: {OSC_TITLE}: broken\n")
    assert capsys.readouterr().err == "newsdesk: ␛]0;PWNED␇: broken\n"


@pytest.fixture
def evil_file(tmp_path: Path) -> Path:
    path = tmp_path / f"evil{OSC_TITLE}{BIDI}.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "--format", "text", "{file}"],
        ["quotes", "--format", "table", "{file}"],
        ["search", "--format", "table", "--in", "{file}", "cranes"],
        ["parse", "--format", "text", "{missing}"],
        ["quotes", "{missing}"],
    ],
    ids=["parse-text", "quotes-table", "search-table", "parse-error", "quotes-error"],
)
def test_hostile_file_names_reach_no_terminal_raw(
    argv: list[str], evil_file: Path, tmp_path: Path, capsys
) -> None:
    missing = tmp_path / f"gone{OSC_CLIPBOARD}\n{BIDI}.txt"
    args = [a.format(file=evil_file, missing=missing) for a in argv]
    code = main(args)
    out, err = capsys.readouterr()
    _no_raw_controls(out)
    _no_raw_controls(err)
    if "{missing}" in argv:
        assert code == exitcodes.SOME_INPUTS_UNREADABLE
        assert err.count("\n") == 1 and "gone␛]52;c;ZXZpbA==␇␊" in err  # one line, shown
    else:
        assert code == exitcodes.OK and "evil␛]0;PWNED␇" in out


def test_json_output_stays_exact(evil_file: Path, capsys) -> None:
    assert main(["parse", str(evil_file)]) == exitcodes.OK
    (article,) = json.loads(capsys.readouterr().out)
    assert article["source"] == str(evil_file)


@pytest.fixture
def hostile_library(tmp_path: Path, evil_file: Path) -> Path:
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(evil_file)])
        (row,) = lib.list_rows()
        lib.add_note(row.id, f"see {OSC_CLIPBOARD} and {BIDI}")
        text = lib.article_text(row.id)
        start = text.index("cranes")
        lib.add_highlight(row.id, Span(start, start + 6), label=OSC_TITLE, note=OSC_CLIPBOARD)
        lib.add_tag(row.id, "ports")
    return db


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_export_shows_notes_labels_and_names_safely(hostile_library: Path, fmt, capsys) -> None:
    assert main(["export", "--format", fmt, "--db", str(hostile_library)]) == exitcodes.OK
    out, err = capsys.readouterr()
    _no_raw_controls(out)
    _no_raw_controls(err)
    assert "evil␛]0;PWNED␇" in out
    if fmt == "md":
        assert "␛\\]52;c;ZXZpbA==␇" in out  # `]` escaped for Markdown


def test_export_orphans_markdown_is_safe(hostile_library: Path, capsys) -> None:
    assert main(["export", "--orphans", "--db", str(hostile_library)]) == exitcodes.OK
    out, err = capsys.readouterr()
    _no_raw_controls(out)
    _no_raw_controls(err)


@pytest.mark.parametrize("tag", ["a\x1bb", "x\x07", "rtl\u202eexe", "nul\x00", "c1\x9b"])
def test_tags_with_control_characters_are_refused(hostile_library: Path, tag: str) -> None:
    with Library.open(hostile_library) as lib:
        (row,) = lib.list_rows()
        with pytest.raises(LibraryError) as caught:
            lib.add_tag(row.id, tag)
        assert is_terminal_safe(str(caught.value))
        assert lib.state(row.id).tags == ("ports",) or list(lib.state(row.id).tags) == ["ports"]


@pytest.mark.parametrize("keep_newlines", [False, True])
def test_a_long_text_is_made_safe_as_one_translate_of_it_would(keep_newlines: bool) -> None:
    """Long text is translated only in the chunks that hold a control (a 47 MB article
    took 8 s whole): every other chunk, and the seams between chunks, come out the same."""
    import tui.terminal_safe as module

    table = module._TABLE_KEEPING_NEWLINES if keep_newlines else module._TABLE  # noqa: SLF001
    chunk = module._CHUNK  # noqa: SLF001
    clean = "harbour 任正非 “quay” \n" * (3 * chunk // 20)
    hostile = [*RAW, *BIDI, "\ud800"]
    for at in (0, chunk - 1, chunk, 2 * chunk + 5, len(clean) - 1):
        for bad in hostile[:: max(1, len(hostile) // 7)]:
            text = clean[:at] + bad + clean[at + 1 :]
            assert terminal_safe(text, keep_newlines=keep_newlines) == text.translate(table)
    assert terminal_safe(clean, keep_newlines=True) is clean


def test_json_text_escapes_what_a_terminal_obeys_and_reads_back_exact() -> None:
    from tui.terminal_safe import json_text

    value = {"source": f"a{OSC_TITLE}\x9b[2J{BIDI}\x7f\udcff\u2028 任正非 “q”"}
    text = json_text(value)
    assert is_terminal_safe(text) and json.loads(text) == value
    assert "\\u009b" in text and "任正非 “q”" in text  # readable text stays readable
    assert json_text({"plain": "ok"}, indent=1) == json.dumps({"plain": "ok"}, indent=1)
