"""``--db`` and ``--config`` go before or after any command, and every command's help
lists them (``newsdesk --db X quotes FILE`` used to say "unrecognized arguments")."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import command_names, main

STORY = (
    "Harbour council approves new ferry terminal\n\n"
    '"We have waited ten years for this," said Mayor Anna Berg on Monday.\n'
)


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "quotes", "{dump}"],
        ["quotes", "--db", "{db}", "{dump}"],
        ["quotes", "{dump}", "--db", "{db}"],
        ["--config", "{config}", "quotes", "{dump}"],
        ["quotes", "{dump}", "--config={config}"],
        ["--db={db}", "parse", "{dump}", "--config", "{config}", "--format", "jsonl"],
    ],
    ids=["db-before", "db-after-command", "db-last", "config-before", "config-last", "both"],
)
def test_global_options_are_accepted_before_and_after_a_command(tmp_path, dump, argv, capsys):
    values = {"db": tmp_path / "x.db", "dump": dump, "config": tmp_path / "c.yaml"}
    assert main([part.format(**values) for part in argv]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert "unrecognized arguments" not in err
    assert json.loads(out.splitlines()[0])  # the command's JSON, exactly as without them


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "feeds", "add", "{url}"],
        ["feeds", "--db", "{db}", "add", "{url}"],
        ["feeds", "add", "{url}", "--db", "{db}"],
    ],
    ids=["before-command", "before-action", "after-action"],
)
def test_the_library_named_anywhere_is_the_one_a_feeds_action_uses(tmp_path, argv, capsys):
    """Not silently the default library: a later parser's default must not win."""
    db, url = tmp_path / "work.db", "https://example.org/rss"
    assert main([part.format(db=db, url=url) for part in argv]) == exitcodes.OK
    assert main(["feeds", "list", "--json", "--db", str(db)]) == exitcodes.OK
    assert [feed["url"] for feed in json.loads(capsys.readouterr().out)] == [url]
    assert not Path(os.environ["NEWSDESK_DB"]).exists()


def test_a_library_named_before_search_is_searched(tmp_path, dump, capsys) -> None:
    db = tmp_path / "work.db"
    assert main(["import", str(dump), "--db", str(db)]) == exitcodes.OK
    capsys.readouterr()
    assert main(["--db", str(db), "search", "ferry"]) == exitcodes.OK
    (hit,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hit["title"].startswith("Harbour council")


def _help(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*argv, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [[name] for name in command_names()]
    + [["feeds", action] for action in ("add", "list", "remove", "import", "export")]
    + [["config", action] for action in ("check", "init", "path", "bindings", "themes")],
    ids=" ".join,
)
def test_every_commands_help_lists_the_global_options(argv, capsys) -> None:
    out = _help(argv, capsys)
    assert "global options (before or after the command)" in out
    assert "--db PATH" in out and "--config PATH" in out


def test_a_command_that_reads_no_library_says_so_in_its_help(capsys) -> None:
    out = " ".join(_help(["quotes"], capsys).split())
    assert "--db PATH not used by 'quotes'" in out


def test_the_top_level_help_teaches_with_examples(capsys) -> None:
    out = _help([], capsys)
    assert "examples:\n  newsdesk dumps/" in out
    assert "--db and --config go before or after the command." in out
