"""What a short command imports: a script runs ``newsdesk search`` over and over, and
most of such a process is Python importing. The reader's libraries (textual, rich) are
never loaded by a batch command's start, and ``--help`` loads no article model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import build_parser, command_names, main

PROBE = (
    "import sys\n"
    "from tui.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "print('LOADED', code, ' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def loaded(*argv: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED"))
    _word, code, *modules = line.split()
    return int(code), set(modules)


@pytest.fixture
def library(tmp_path: Path, capsys) -> Path:
    story = tmp_path / "story.txt"
    story.write_text(
        "Harbour council approves new ferry terminal\n\n"
        '"We have waited ten years for this," said Mayor Anna Berg on Monday.\n',
        encoding="utf-8",
    )
    db = tmp_path / "lib.db"
    assert main(["import", str(story), "--db", str(db)]) == exitcodes.OK
    capsys.readouterr()
    return db


def test_help_loads_neither_the_reader_nor_the_article_model() -> None:
    code, modules = loaded("--help")
    assert code == 0
    assert not {"textual", "rich", "tantivy", "tui.model", "dataclasses"} & modules


def test_search_loads_neither_textual_nor_rich(library: Path) -> None:
    code, modules = loaded("search", "ferry", "--db", str(library))
    assert code == 0
    assert not {"textual", "rich", "feedparser", "trafilatura"} & modules


def test_a_run_builds_only_the_command_it_runs() -> None:
    _parser, by_name = build_parser(only="search")
    assert list(by_name) == ["search"]
    _all, every = build_parser()
    assert list(every) == command_names()
