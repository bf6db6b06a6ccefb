"""Every command, run over hostile names and text, writes no raw control to the terminal.

The setup: a folder, input files, a theme file, a view, a feed and a library whose
names and articles hold an OSC title sequence, a colour CSI, a line break, an 8-bit CSI
(U+009B), a bidi override and Rich markup. Each command runs in its text or table
output and on its error paths (a missing file, a broken YAML file, a library path that
is a folder or not a library, all with hostile names), and:

- stdout and stderr hold no raw C0/C1 control, DEL or bidi control (a line break only
  between lines: a name's own line break never starts a new line, so a message stays
  one line and no name can forge one);
- JSON output reads back exact, with the controls escaped (``\\u009b``, not the raw
  character a terminal would obey).

Hostile names are made in ``tmp_path`` here, never committed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.cli import main
from tui.terminal_safe import is_terminal_safe

MARKUP = "[b]x[red]y"
HOSTILE = f"\x1b]0;PWNED\x07\x1b[31m\n{MARKUP}\x9b\u202e"
STORY = (
    "Harbour officials in Valdora said on Monday that the new terminal would open in March.\n"
    "“We are confident the cranes will arrive in time,” port director Lena Sorvik said.\n"
)


@dataclass
class World:
    root: Path
    folder: Path
    story: Path
    jsonl: Path
    config: Path
    broken_config: Path
    broken_theme_config: Path
    missing: Path
    db: Path

    def arg(self, template: str) -> str:
        return template.format(**{k: str(v) for k, v in vars(self).items()}, h=HOSTILE)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / f"dir{HOSTILE}"
    folder.mkdir()
    story = folder / f"in{HOSTILE}.txt"
    story.write_text(STORY, encoding="utf-8")
    jsonl = folder / f"feed{HOSTILE}.jsonl"
    record = {
        "title": f"Title {HOSTILE}",
        "outlet": f"Outlet {HOSTILE}",
        "author": f"Author {HOSTILE}",
        "url": f"https://example.org/{HOSTILE}",
        "text": STORY.replace("Valdora", f"Valdora {HOSTILE}"),
    }
    jsonl.write_text(json.dumps(record) + "\n", encoding="utf-8")
    cfg = root / "cfg"
    (cfg / "themes").mkdir(parents=True)
    (cfg / "themes" / f"evil{HOSTILE}.yaml").write_text("primary: '#123456'\n", encoding="utf-8")
    (cfg / "themes" / f"broken{HOSTILE}.yaml").write_text("primary: [\n", encoding="utf-8")
    config = cfg / "config.yaml"
    config.write_text(
        f"theme: {json.dumps('evil' + HOSTILE)}\n"
        f"views:\n  - name: {json.dumps('View ' + HOSTILE)}\n    query: ''\n",
        encoding="utf-8",
    )
    broken_config = cfg / f"bad{HOSTILE}.yaml"
    broken_config.write_text("views: [\n", encoding="utf-8")
    broken_theme_config = cfg / "broken-theme.yaml"
    broken_theme_config.write_text(f"theme: {json.dumps('broken' + HOSTILE)}\n", encoding="utf-8")
    opml = root / f"subs{HOSTILE.replace(chr(0x1B), '').replace(chr(7), '')}.opml"
    title = "Feed \n[b]x\u202e\x85"  # what XML can hold of the hostile text
    opml.write_text(
        f'<opml><body><outline text="{title}" xmlUrl="http://127.0.0.1:9/feed"/></body></opml>',
        encoding="utf-8",
    )
    (root / f"adir{HOSTILE}.db").mkdir()
    (root / f"notlib{HOSTILE}.db").write_text("not a library", encoding="utf-8")
    db = root / "lib.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSDESK_CONFIG", str(config))
        assert main(["import", "--db", str(db), str(folder)]) == 0
        assert main(["feeds", "import", "--db", str(db), str(opml)]) == 0
    return World(
        root, folder, story, jsonl, config, broken_config, broken_theme_config,
        root / f"gone{HOSTILE}.txt", db,
    )  # fmt: skip


TEXT_RUNS = {
    "parse-text": "parse --format text {story}",
    "parse-text-jsonl": "parse --format text {jsonl}",
    "parse-missing": "parse --format text {missing}",
    "quotes-table": "quotes --format table {jsonl}",
    "quotes-missing": "quotes {missing}",
    "import": "import {folder}",
    "import-missing": "import {missing}",
    "search-table": "search --format table cranes",
    "search-in-table": "search --format table --in {jsonl} cranes",
    "search-bad-query": 'search --format table "{h}',
    "export-bad-query": "export tag:{h}|",
    "stories-bad-query": "stories {h}|",
    "list-table": "list --format table 1",
    "list-no-view": "list --format table nope{h}",
    "stories-table": "stories --format table --all",
    "export-md": "export",
    "export-out": "export --out {root}/out{h}",
    "export-out-file": "export --out {story}",
    "feeds-list": "feeds list",
    "feeds-add-hostile": "feeds add http://127.0.0.1:9/{h}",
    "feeds-import-missing": "feeds import {missing}",
    "watch-missing": "watch {missing}",
    "compact-no-library": "compact --db {root}/nodir{h}/x.db",
    "search-db-folder": "search --db {root}/adir{h}.db x",
    "list-db-not-library": "list --db {root}/notlib{h}.db 1",
    "import-db-folder": "import --db {root}/adir{h}.db {story}",
    "export-db-not-library": "export --db {root}/notlib{h}.db",
    "config-check": "config check",
    "config-check-broken-yaml": "config check --config {broken_config}",
    "config-check-broken-theme": "config check --config {broken_theme_config}",
    "config-check-missing": "config check --config {missing}",
    "config-path": "config path --config {missing}",
    "config-themes": "config themes",
    "config-bindings": "config bindings --config {broken_config}",
    "config-init-exists": "config init --config {broken_config}",
    "list-broken-theme": "list --format table --config {broken_theme_config} 1",
    "reader-missing-config": "--config {missing}",
    "reader-missing-db": "--db {root}/gone{h}.db",
    "reader-unknown-command": "gone{h}",
}

JSON_RUNS = {
    "parse-json": "parse {jsonl}",
    "quotes-jsonl": "quotes {jsonl}",
    "search-jsonl": "search cranes",
    "list-jsonl": "list 1",
    "stories-jsonl": "stories --all",
    "export-json": "export --format json",
    "feeds-list-json": "feeds list --json",
}

_RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _run(world: World, command: str, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.setenv("NEWSDESK_CONFIG", str(world.config))
    monkeypatch.setenv("NEWSDESK_DB", str(world.db))
    monkeypatch.setenv("COLUMNS", "200")
    code = main([world.arg(word) for word in command.split(" ")])
    out, err = capsys.readouterr()
    return code, out, err


def _shown_safely(text: str) -> None:
    assert is_terminal_safe(text, keep_newlines=True), _RAW.findall(text)
    # A name's line break kept raw would start a line with what followed it.
    assert not re.search(rf"^{re.escape(MARKUP)}", text, re.MULTILINE), text


@pytest.mark.parametrize("command", list(TEXT_RUNS.values()), ids=list(TEXT_RUNS))
def test_text_output_and_messages_show_hostile_names_safely(
    world: World, command: str, monkeypatch, capsys
) -> None:
    code, out, err = _run(world, command, monkeypatch, capsys)
    assert code in (0, 1, 2)
    assert out or err  # something was said
    _shown_safely(out)
    _shown_safely(err)


@pytest.mark.parametrize("command", list(JSON_RUNS.values()), ids=list(JSON_RUNS))
def test_json_output_escapes_every_control_and_reads_back_exact(
    world: World, command: str, monkeypatch, capsys
) -> None:
    code, out, err = _run(world, command, monkeypatch, capsys)
    assert code == 0, err
    _shown_safely(err)
    assert not _RAW.search(out.replace("\n", "")), _RAW.findall(out)
    assert "\\u009b" in out or "\\u202e" in out  # the hostile text is there, escaped
    text = out.strip()
    values = [json.loads(text)] if text.startswith("[") else list(map(json.loads, text.split("\n")))
    dumped = json.dumps(values, ensure_ascii=False)
    assert "\x9b" in dumped or "\u202e" in dumped  # read back exact: the raw characters


def test_csv_export_keeps_a_line_break_only_inside_a_quoted_cell(
    world: World, monkeypatch, capsys
) -> None:
    code, out, err = _run(world, "export --format csv", monkeypatch, capsys)
    assert code == 0, err
    _shown_safely(err)
    assert is_terminal_safe(out.replace("\r\n", "\n"), keep_newlines=True)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
