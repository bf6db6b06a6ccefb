"""newsdesk watch, feeds import/export and refresh as a user runs them."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest

from tests.subscribe.watching import PATIENCE, watching
from tui.cli import main
from tui.store import Library
from tui.subscribe.opml import read_opml
from tui.subscribe.watch import ignored

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
<outline text="News"><outline text="Local Wire" type="rss" xmlUrl="{base}/rss.xml"/>
<outline text="Desk" type="rss" xmlUrl="{base}/atom.xml"/></outline>
<outline text="Broken" type="rss" xmlUrl="{base}/broken"/>
</body></opml>
"""


@pytest.mark.parametrize("poll", [False, True], ids=["notify", "polling"])
def test_watch_imports_a_file_dropped_into_the_folder(tmp_path: Path, poll: bool) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    imported = threading.Event()
    lines: list[str] = []

    def on_import(item) -> None:  # type: ignore[no-untyped-def]
        lines.append(item.line())
        imported.set()

    with watching(tmp_path / "lib.db", folder, poll=poll, on_import=on_import) as errors:
        (folder / ".partial.txt").write_text("ignored while it is being written\n")
        (folder / "story.txt").write_text(
            "Harbour reopens after storm\n\nThe harbour reopened on Monday after three days"
            " of storms, the port authority said.\n",
            encoding="utf-8",
        )
        assert imported.wait(PATIENCE), f"nothing imported: {errors}"
    assert lines == [f"{folder / 'story.txt'}: 1 new, 0 updated, 0 unchanged"]  # as typed
    with Library.open(tmp_path / "lib.db") as library:
        assert len(library.article_ids()) == 1


def test_temp_and_hidden_names_are_ignored() -> None:
    for name in (".x", "a.part", "a.tmp", "a~", "#a#", "a.crdownload", "a.swp"):
        assert ignored(f"/d/{name}"), name
    assert not ignored("/d/dump.txt")


def test_opml_import_list_export_refresh(tmp_path: Path, feed_server, capsys) -> None:
    db = str(tmp_path / "lib.db")
    opml = tmp_path / "subs.opml"
    opml.write_text(OPML.format(base=feed_server.base), encoding="utf-8")
    assert main(["feeds", "import", str(opml), "--db", db]) == 0
    assert "3 feeds added" in capsys.readouterr().err
    assert main(["feeds", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Local Wire  [News]" in out and out.count("\n") == 3
    assert main(["refresh", "--db", db, "--timeout", "5"]) == 1  # one feed is broken
    err = capsys.readouterr().err
    assert "Local Wire: 2 new" in err and "Desk: 1 new" in err
    assert "! [" in err and "Broken: HTTP 500 Internal Server Error" in err
    assert "newsdesk refresh: 3 feeds, 3 new, 1 failed" in err
    assert main(["feeds", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    # the last fetch, without the name its feed's line shows already, and when
    assert re.search(r"last: 2 new \(\d{4}-\d\d-\d\d \d\d:\d\d\)", listed), listed
    assert "last: Local Wire:" not in listed
    assert main(["feeds", "remove", "3", "--db", db]) == 0
    assert main(["feeds", "export", "--db", db]) == 0
    exported = capsys.readouterr().out
    again = read_opml(exported.encode())
    assert [(f.url, f.name, f.tags) for f in again.feeds] == [
        (feed_server.url("/rss.xml"), "Local Wire", ("News",)),
        (feed_server.url("/atom.xml"), "Desk", ("News",)),
    ]
    assert 'category="/News"' in exported


def test_newsboat_urls_and_config_feeds(tmp_path: Path, capsys, monkeypatch) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        'https://a.example/rss world "~Alpha News"\n# note\n"query:Unread:unread = \\"yes\\""\n'
        "https://b.example/atom tech !\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.yaml"
    config.write_text(
        "feeds:\n  - https://c.example/feed\n  - url: https://d.example/x\n    name: Dee\n"
        "    fetch_full_text: true\nrefresh_every: 30m\nwatch: [/tmp]\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "lib.db")
    assert main(["feeds", "import", str(urls), "--db", db, "--config", str(config)]) == 1
    assert "line 3: a newsboat query: feed; left out" in capsys.readouterr().err
    assert main(["feeds", "list", "--json", "--db", db, "--config", str(config)]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert [(r["url"], r["name"], r["tags"], r["from"]) for r in rows] == [
        ("https://a.example/rss", "Alpha News", ["world"], "library"),
        ("https://b.example/atom", None, ["tech"], "library"),
        ("https://c.example/feed", None, [], "config"),
        ("https://d.example/x", "Dee", [], "config"),
    ]
    assert main(["feeds", "remove", "4", "--db", db, "--config", str(config)]) == 2
    assert "listed in the config file" in capsys.readouterr().err


def test_opml_with_entities_is_refused(tmp_path: Path, capsys) -> None:
    bomb = tmp_path / "bomb.opml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><opml version="2.0"><body>'
        '<outline xmlUrl="https://x.example/&b;"/></body></opml>',
        encoding="utf-8",
    )
    assert main(["feeds", "import", str(bomb), "--db", str(tmp_path / "l.db")]) == 2
    assert "refused: EntitiesForbidden" in capsys.readouterr().err


def test_newsdesk_watch_command_imports_a_dropped_file(tmp_path: Path) -> None:
    """The command as a server runs it: a process, a line per import, Ctrl+C stops it."""
    import signal

    from tests.command_process import start_command

    folder = tmp_path / "in"
    folder.mkdir()
    db = tmp_path / "lib.db"
    # Ctrl+C restored in the child: see tests/command_process.py.
    command = start_command(["watch", str(folder), "--db", str(db)])
    process, lines = command.process, command.lines
    try:
        first = lines.get(timeout=PATIENCE)
        assert first.startswith("newsdesk watch: watching "), first
        (folder / "story.txt").write_text(
            "Harbour reopens after storm\n\nThe harbour reopened on Monday after three days"
            " of storms, the port authority said.\n",
            encoding="utf-8",
        )
        line = lines.get(timeout=PATIENCE)
        assert line.strip().endswith("story.txt: 1 new, 0 updated, 0 unchanged"), line
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=PATIENCE)
    assert code == 0
    rest = command.rest(PATIENCE)  # the rest of stderr, to its end
    assert rest == ["newsdesk watch: stopped"]  # watchfiles' own log line kept out
    with Library.open(db) as library:
        assert len(library.article_ids()) == 1


def test_feeds_list_and_export_without_a_library_show_the_configs_feeds(tmp_path, capsys):
    """Nothing is created to say so: no library file appears at --db."""
    import json

    config = tmp_path / "c.yaml"
    config.write_text("feeds:\n  - https://c.example/feed\n", encoding="utf-8")
    db = tmp_path / "none.db"
    common = ["--db", str(db), "--config", str(config)]
    assert main(["feeds", "list", "--json", *common]) == 0
    assert [row["url"] for row in json.loads(capsys.readouterr().out)] == ["https://c.example/feed"]
    assert main(["feeds", "export", *common]) == 0
    assert 'xmlUrl="https://c.example/feed"' in capsys.readouterr().out
    assert not db.exists()


def test_polling_a_folder_with_a_link_loop_says_so_in_one_line(tmp_path: Path, capsys) -> None:
    """watchfiles' poller follows links: a link to a folder above it is a loop it
    cannot leave (``File system loop found``). One line and exit 2, not a traceback."""
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "up").symlink_to("..")
    code = main(["watch", str(folder), "--poll", "--db", str(tmp_path / "lib.db")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "cannot watch" in err and "by polling" in err and "Traceback" not in err
