"""Every CLI command over the hostile corpus (``tests/data/hostile/``, plus hostile file
names and a huge line made here): exit code at most 2, no traceback, one-line messages,
and no raw control character on stdout or stderr outside JSON."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.store import Library
from tui.terminal_safe import is_terminal_safe

CORPUS = Path(__file__).parents[1] / "data" / "hostile"
CONFIGS = ["bomb.yaml", "deep.yaml", "controls.yaml", "evil\x1b]0;x\x07\u202e.yaml", "none.yaml"]
HOSTILE_NAMES = ["evil\x1b]0;PWNED\x07.txt", "new\nline.txt", "rtl\u202etxt.exe", "c1\x9b2J.txt"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "inputs"
    folder.mkdir()
    for path in CORPUS.iterdir():
        if path.suffix in (".txt", ".csv"):
            shutil.copy(path, folder / path.name)
    story = (CORPUS / "controls.txt").read_bytes()
    for name in HOSTILE_NAMES:
        (folder / name).write_bytes(story)
    with open(os.path.join(os.fsencode(folder), b"undecodable\xff.txt"), "wb") as handle:
        handle.write(story)
    (folder / "huge_line.txt").write_text(
        "The council said “yes” to Ren Zhengfei (任正非) and " * 2_000, encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def library(inputs: Path) -> Path:
    db = inputs.parent / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(inputs)])
        (row, *_rest) = lib.list_rows()
        lib.add_note(row.id, "note\x1b]52;c;ZXZpbA==\x07\n## Forged\n\u202eevil")
    return db


@pytest.fixture(scope="module")
def configs(inputs: Path) -> Path:
    folder = inputs.parent / "configs"
    folder.mkdir()
    for path in CORPUS.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    shutil.copy(CORPUS / "controls.yaml", folder / CONFIGS[3])
    return folder


def _check(out: str, err: str, *, json_out: bool) -> None:
    assert "Traceback" not in out + err
    if json_out:
        for line in filter(None, out.splitlines()):
            if line not in ("[", "]"):
                json.loads(line.rstrip(","))
    else:
        assert is_terminal_safe(out.replace("\r\n", "\n"), keep_newlines=True), out[:300]
    assert is_terminal_safe(err, keep_newlines=True), err


FILE_COMMANDS = [
    ["parse", "{in}"],
    ["parse", "--format", "jsonl", "{in}"],
    ["parse", "--format", "text", "{in}"],
    ["quotes", "{in}"],
    ["quotes", "--format", "table", "--all", "{in}"],
    ["search", "--in", "{in}", "harbour"],
    ["search", "--in", "{in}", "--format", "table", "council"],
    ["import", "{in}", "--db", "{fresh}"],
]
LIBRARY_COMMANDS = [
    ["search", "said", "--db", "{db}"],
    ["search", "--format", "table", "", "--db", "{db}"],
    ["search", "\x1b]0;x\x07 \u202e(", "--db", "{db}"],
    ["export", "--db", "{db}"],
    ["export", "--format", "json", "--db", "{db}"],
    ["export", "--format", "csv", "--db", "{db}"],
    ["export", "--orphans", "--db", "{db}"],
    ["export", "tag:\x1b[2J", "--db", "{db}"],
    ["stories", "--all", "--db", "{db}"],
    ["stories", "--all", "--format", "table", "--db", "{db}"],
    ["export", "--story", "1", "--db", "{db}"],
]


def _json_output(argv: list[str]) -> bool:
    if argv[0] == "parse":
        return "text" not in argv
    if argv[0] in ("quotes", "search", "stories"):
        return "table" not in argv
    return argv[0] == "export" and "json" in argv


@pytest.mark.parametrize("argv", FILE_COMMANDS + LIBRARY_COMMANDS, ids=" ".join)
def test_every_command_survives_the_corpus(
    argv: list[str], inputs: Path, library: Path, tmp_path: Path, capsys
) -> None:
    fields = {"in": str(inputs), "db": str(library), "fresh": str(tmp_path / "fresh.db")}
    code = main([a.format(**fields) for a in argv])
    out, err = capsys.readouterr()
    assert code <= 2
    _check(out, err, json_out=_json_output(argv))
    if argv[0] in ("parse", "quotes", "import"):
        assert "binary file" in err  # nul.txt is named, in one line
        assert all(line.startswith("newsdesk") for line in err.splitlines())


@pytest.mark.parametrize("action", ["check", "bindings", "path", "init"])
@pytest.mark.parametrize("name", CONFIGS, ids=repr)
def test_config_commands_survive_hostile_configs(
    action: str, name: str, configs: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSDESK_CONFIG", str(configs / "none.yaml"))
    code = main(["config", action, "--config", str(configs / name)])
    out, err = capsys.readouterr()
    assert code <= 2
    _check(out, err, json_out=False)
