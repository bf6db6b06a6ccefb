"""Every command's messages start ``newsdesk COMMAND:`` and are one line each, with the
exit code DESIGN.md gives (``export`` and ``import`` used to say plain ``newsdesk:``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main

STORY = (
    "Harbour council approves new ferry terminal\n\n"
    '"We have waited ten years for this," said Mayor Anna Berg on Monday.\n'
)


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = tmp_path / "lib.db"
    assert main(["import", str(story), "--db", str(db)]) == exitcodes.OK
    capsys.readouterr()
    return db


def _lines(capsys) -> list[str]:
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["import", "{missing}", "{story}"], exitcodes.SOME_INPUTS_UNREADABLE),
        (["import", "{story}"], exitcodes.OK),
        (["export", "date:>soon"], exitcodes.USAGE),
        (["export", "ferry"], exitcodes.OK),
        (["export", "--story", "999"], exitcodes.USAGE),
        (["export", "--orphans"], exitcodes.OK),
        (["stories", "date:>soon"], exitcodes.USAGE),
    ],
    ids=[
        "import-missing",
        "import",
        "export-bad-query",
        "export",
        "export-story",
        "orphans",
        "stories",
    ],
)
def test_each_message_names_its_command(tmp_path, library, capsys, argv, code) -> None:
    values = {"missing": tmp_path / "gone.txt", "story": tmp_path / "story.txt"}
    argv = [part.format(**values) for part in argv]
    assert main([*argv, "--db", str(library)]) == code
    lines = _lines(capsys)
    assert lines
    if "bad query at character" in lines[0]:  # then the query, its caret, the problem
        assert len(lines) == 4 and lines[2].strip() == "^", lines
        lines = lines[:1]
    assert all(line.startswith(f"newsdesk {argv[0]}: ") for line in lines), lines


def test_config_messages_name_the_config_command(tmp_path, capsys) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("theme: 3\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(config)]) == exitcodes.USAGE
    (*_, summary) = _lines(capsys)
    assert summary.startswith("newsdesk config: 1 error; ")
    assert main(["config", "init", "--config", str(config)]) == exitcodes.USAGE
    (line,) = _lines(capsys)
    assert line.startswith(f"newsdesk config: {config} already exists; ")


@pytest.mark.parametrize(
    ("name", "what"), [("gone", "no such folder"), ("story.txt", "a file, not a folder")]
)
def test_watch_says_what_is_wrong_with_a_folder_and_what_to_do(tmp_path, capsys, name, what):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    folder = tmp_path / name
    assert main(["watch", str(folder), "--db", str(tmp_path / "l.db")]) == exitcodes.USAGE
    (line,) = _lines(capsys)
    assert (
        line == f"newsdesk watch: {folder}: {what}; name the folder to watch (newsdesk watch DIR)"
    )


def test_config_init_where_nothing_can_be_written_says_what_to_do(tmp_path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    target = blocker / "config.yaml"  # under a file: no folder can be made there
    assert main(["config", "init", "--config", str(target)]) == exitcodes.USAGE
    (line,) = _lines(capsys)
    assert line.startswith(f"newsdesk config: cannot write {target}: ")
    assert line.endswith("; choose a place you can write with --config PATH")


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("empty.txt", "", "empty.txt: empty file, nothing imported"),
        ("blank.txt", "  \n\n \t \n", "blank.txt: empty file, nothing imported"),
        ("header.csv", "url,date,title,text\n", "header.csv: no articles found, nothing imported"),
        # Empty whatever its name: not a broken CSV, JSON, page or feed (exit 1).
        ("empty.csv", "", "empty.csv: empty file, nothing imported"),
        ("blank.tsv", " \n\n", "blank.tsv: empty file, nothing imported"),
        ("empty.jsonl", "", "empty.jsonl: empty file, nothing imported"),
        ("blank.json", "\n  \n", "blank.json: empty file, nothing imported"),
        ("empty.html", "", "empty.html: empty file, nothing imported"),
        ("blank.rss", "\n\n", "blank.rss: empty file, nothing imported"),
    ],
)
def test_an_input_with_no_article_is_named_in_one_line_and_exits_0(
    tmp_path, library, capsys, name, content, said
) -> None:
    """Readable, so not an unreadable input (exit 1, DESIGN.md): the import goes on, exit
    0, but the user hears which file gave nothing (it used to pass in silence)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    story = tmp_path / "story.txt"
    assert main(["import", str(path), str(story), "--db", str(library)]) == exitcodes.OK
    lines = _lines(capsys)
    assert f"newsdesk import: {tmp_path / said}" in lines, lines
    assert not any("story.txt" in line for line in lines), lines  # the other one is fine
    # Again, unchanged: still said, not passed over.
    assert main(["import", str(path), "--db", str(library)]) == exitcodes.OK
    assert any(line.endswith("nothing imported") for line in _lines(capsys))


def test_the_reader_names_an_empty_input_it_imports_first(tmp_path, capsys) -> None:
    """``newsdesk empty.txt`` imports before it opens the reader: the same line."""
    from tui.commands._app import import_first

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert import_first(str(tmp_path / "lib.db"), [str(empty)]) == exitcodes.OK
    assert f"newsdesk: {empty}: empty file, nothing imported" in _lines(capsys)


@pytest.mark.parametrize("command", ["parse", "quotes"])
@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("empty.csv", "", "empty.csv: empty file, no articles"),
        ("blank.txt", "  \n\n", "blank.txt: empty file, no articles"),
        ("header.csv", "url,date,title,text\n", "header.csv: no articles found"),
    ],
)
def test_parse_and_quotes_say_an_empty_file_is_empty(
    tmp_path, capsys, command, name, content, said
) -> None:
    """As import says it: an empty file is one (no hedging `(empty file?)`), a file with
    text and no article is `no articles found`; readable either way, exit 0."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert main([command, str(path)]) == exitcodes.OK
    assert f"newsdesk {command}: {tmp_path / said}" in _lines(capsys)


@pytest.mark.parametrize("command", ["parse", "quotes"])
def test_a_left_out_record_names_its_file_on_one_line(tmp_path, capsys, command) -> None:
    """A file name with a line break or an escape sequence is shown safely (one line),
    as every other message shows it; the record's line used to print it raw."""
    path = tmp_path / "feed\n\x1b[31mred.jsonl"
    path.write_text('{"title": "A", "text": "Some text."}\n{"title": broken\n', encoding="utf-8")
    assert main([command, str(path)]) == exitcodes.SOME_INPUTS_UNREADABLE
    lines = _lines(capsys)
    (line,) = [line for line in lines if "line 2" in line]
    assert "\x1b" not in line
    assert line.startswith(f"newsdesk {command}: {tmp_path}/feed")


@pytest.mark.parametrize("speaker", ["", "   "])
def test_quotes_refuses_a_speaker_with_no_name(tmp_path, capsys, speaker) -> None:
    """`--speaker ''` (an unset shell variable, say) printed every quote as if no filter
    were asked for: a usage error in one line, nothing on stdout."""
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["quotes", "--speaker", speaker, str(story)]) == exitcodes.USAGE
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("newsdesk quotes: --speaker needs a name") and err.count("\n") == 1


@pytest.mark.parametrize("command", ["search", "export", "stories"])
def test_a_bad_query_is_shown_with_its_caret_by_every_command(library, capsys, command) -> None:
    """export and stories said the error in one line without the query; search showed
    the query and a caret under the fault. All three say it the same way now."""
    assert main([command, "--db", str(library), "tag:"]) == exitcodes.USAGE
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"newsdesk {command}: bad query at character 5:",
        "tag:",
        "    ^",
        "'tag:' needs a value after it",
    ]
